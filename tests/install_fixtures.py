"""Helpers for the tests that use aligner the way a user installs it: a wheel built from a copy
of the source, a fresh virtual environment, subprocesses with a clean environment.

Nothing comes from the network: the wheel is built without build isolation on this
environment's setuptools, and a fresh environment sees the dependencies already installed here
through one `.pth` line instead of downloading them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = "aligner-enzh"
HERE_SITE = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith(("PIP_", "PRE_COMMIT"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


def run(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, env=env or clean_env(), cwd=cwd,
                          timeout=timeout)


def source_copy(dest: Path) -> Path:
    """What a wheel is built from, copied so the build leaves nothing in the checkout."""
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "aligner", dest / "aligner",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


def build_wheel(src: Path, out: Path) -> Path:
    done = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                "--no-index", "-q", "-w", str(out), str(src)])
    assert done.returncode == 0, done.stderr
    (found,) = out.glob("*.whl")
    return found


def fresh_venv(where: Path) -> Path:
    """A new virtual environment that sees this one's dependencies; returns its bin folder."""
    done = run([sys.executable, "-m", "venv", str(where)])
    assert done.returncode == 0, done.stderr
    python = where / "bin" / "python"
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    Path(purelib.stdout.strip(), "_deps_from_test_env.pth").write_text("\n".join(HERE_SITE))
    return where / "bin"


def offline_pip_env(wheels: Path, **extra: str) -> dict[str, str]:
    """`pip install aligner-enzh` as written, answered from `wheels`: no index; this
    environment's own editable aligner-enzh does not count as installed (ignore-installed) and
    the dependencies are already there (no-deps)."""
    return clean_env(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheels), PIP_IGNORE_INSTALLED="1",
                     PIP_NO_DEPS="1", **extra)
