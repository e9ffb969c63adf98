"""What a command imports: a one-record `align` and `--help` load only what they need.

Start-up time itself is printed by a bench (no timing assertions here); what can be asserted is
the cause of slow start-ups: heavy modules that the command never uses.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_c7586fac1e89b2ba.txt"

# heavy or unrelated: nltk's package (pulls scipy.stats when scipy is installed), scipy itself,
# and the corpus runner, which only --jobs/--engine/-o DIR/ runs need
NOT_FOR_ONE_RECORD = ("nltk", "scipy", "aligner.corpus", "pandas", "dask", "pyarrow")


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import io, contextlib, json, sys\n"
        "from aligner.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout
    return set(json.loads(out.splitlines()[-1]))


def _loaded(modules: set[str], prefix: str) -> bool:
    return any(m == prefix or m.startswith(prefix + ".") for m in modules)


def test_one_record_align_skips_heavy_unused_modules():
    modules = _modules_after(["align", str(SEED)])
    assert _loaded(modules, "aligner.align")  # it did align
    assert [m for m in NOT_FOR_ONE_RECORD if _loaded(modules, m)] == []


def test_help_does_not_load_numpy_or_the_aligner():
    modules = _modules_after(["--help"])
    assert "aligner.cli.align_cmd" in modules  # the help lists every command
    assert not _loaded(modules, "numpy")
    assert not _loaded(modules, "nltk")


def test_lazy_package_attributes_still_resolve():
    import aligner

    assert callable(aligner.segment)  # the function, not the subpackage
    assert aligner.Pipeline.__name__ == "Pipeline"
    assert "read_path" in dir(aligner)


def test_engine_names_match_the_runner():
    from aligner.cli.corpus_cmd import ENGINE_NAMES
    from aligner.corpus.engines import ENGINES

    assert ENGINE_NAMES == ENGINES
