"""The project installs by its distribution name from a wheel, and its command runs.

`aligner` on PyPI is someone else's project, so the distribution is `aligner-enzh` (import
name and command stay `aligner`). This test builds the wheel from a copy of the source (no
`build/` or `*.egg-info` left in the checkout), installs it *by that name* from a local
`--find-links` folder into a fresh virtual environment and runs the installed `aligner`
command. Nothing comes from the network: the build runs without isolation on this
environment's setuptools, and the fresh environment sees the already-installed dependencies
through a `.pth` line instead of downloading them.
"""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import aligner

pytestmark = pytest.mark.slow  # builds a wheel and a venv: ~40 s wall on a shared machine

ROOT = Path(__file__).resolve().parent.parent
DIST = "aligner-enzh"


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, **kw)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "aligner", src / "aligner",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheels")
    done = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "--no-index", "-q", "-w", str(out), str(src)])
    assert done.returncode == 0, done.stderr
    (found,) = out.glob("*.whl")
    return found


def test_wheel_metadata_names_the_distribution_and_its_dependencies(wheel: Path) -> None:
    assert wheel.name.startswith("aligner_enzh-")
    with zipfile.ZipFile(wheel) as z:
        meta_name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.message_from_bytes(z.read(meta_name))
        names = z.namelist()
        entry_points = z.read(meta_name.replace("METADATA", "entry_points.txt")).decode()
    assert meta["Name"] == DIST
    requires = " ".join(meta.get_all("Requires-Dist") or [])
    for dep in ("jieba", "openpyxl", "defusedxml"):
        assert dep in requires
    assert "aligner/data/glossary.csv" in names  # package data ships
    assert "aligner = aligner.cli:main" in entry_points


def test_installs_by_its_name_in_a_fresh_venv_and_runs(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    # the dependencies already installed here, seen by the new environment (no download)
    here = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(purelib.stdout.strip(), "_deps_from_test_env.pth").write_text("\n".join(sorted(here)))
    # --ignore-installed: this environment's own (editable) aligner-enzh must not count as
    # installed; --no-deps: the dependencies come through the .pth line above
    done = _run([str(python), "-m", "pip", "install", "-q", "--no-index", "--find-links",
                 str(wheel.parent), "--ignore-installed", "--no-deps", DIST])
    assert done.returncode == 0, done.stderr
    cli = venv / "bin" / "aligner"
    version = _run([str(cli), "--version"], cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"aligner {aligner.__version__}"
    where = _run([str(python), "-c", "import aligner, importlib.metadata as m; "
                  "print(aligner.__file__); print(m.version('aligner-enzh'))"], cwd=tmp_path)
    path, installed = where.stdout.split()
    assert Path(path).is_relative_to(venv)  # the installed copy, not the checkout
    assert installed == aligner.__version__
