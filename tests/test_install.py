"""The project installs by its distribution name from a wheel, and its command runs.

`aligner` on PyPI is someone else's project, so the distribution is `aligner-enzh` (import
name and command stay `aligner`). The wheel is built from a copy of the source, installed *by
that name* from a local `--find-links` folder into a fresh virtual environment, and the
installed `aligner` command is run (see tests/install_fixtures.py: nothing from the network).
"""

from __future__ import annotations

import email
import zipfile
from pathlib import Path

import pytest
from install_fixtures import DIST, build_wheel, fresh_venv, offline_pip_env, run, source_copy

import aligner

pytestmark = pytest.mark.slow  # builds a wheel and a venv: ~40 s wall on a shared machine


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = source_copy(tmp_path_factory.mktemp("src"))
    return build_wheel(src, tmp_path_factory.mktemp("wheels"))


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
    bin_dir = fresh_venv(tmp_path / "venv")
    done = run([str(bin_dir / "pip"), "install", "-q", DIST], env=offline_pip_env(wheel.parent))
    assert done.returncode == 0, done.stderr
    version = run([str(bin_dir / "aligner"), "--version"], cwd=tmp_path)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"aligner {aligner.__version__}"
    where = run([str(bin_dir / "python"), "-c", "import aligner, importlib.metadata as m; "
                 "print(aligner.__file__); print(m.version('aligner-enzh'))"], cwd=tmp_path)
    path, installed = where.stdout.split()
    assert Path(path).is_relative_to(tmp_path / "venv")  # the installed copy, not the checkout
    assert installed == aligner.__version__
