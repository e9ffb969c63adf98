"""The CI examples run as their users run them, on a temporary translations repository.

- the hooks of /.pre-commit-hooks.yaml through the real `pre-commit try-repo` (pre-commit
  builds its own environment and installs aligner into it, as for a user);
- examples/pre-commit-config.yaml copied as is to `.pre-commit-config.yaml`, run by
  `pre-commit run`;
- the `run:` steps of examples/github-actions.yml executed in order by bash, its
  `pip install` step included (answered from a locally built wheel);
- examples/pyproject-thresholds.toml copied as is as the repository's pyproject.toml.

Each passes on the approved translations and fails (exit 1) once a term drifts to a forbidden
rendering; a `requirements.txt` and a `README.txt` next to the translations are never read.
Offline: see tests/install_fixtures.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from install_fixtures import (
    HERE_SITE,
    ROOT,
    build_wheel,
    clean_env,
    fresh_venv,
    offline_pip_env,
    run,
    source_copy,
)

pytestmark = pytest.mark.slow  # builds environments: ~1 min wall on a shared machine
yaml = pytest.importorskip("yaml")
pytest.importorskip("pre_commit")

SEED = ROOT / "seeds" / "000_c7586fac1e89b2ba.txt"
# the shipped glossary's approved "off-the-shelf" and one of its known-wrong renderings
APPROVED, FORBIDDEN = "即用型", "现成的"
BIN = Path(sys.executable).parent
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo: Path, *args: str) -> None:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env=clean_env(**GIT_ENV))
    assert done.returncode == 0, done.stderr


def aligner_cli(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "aligner"), *args], cwd=repo)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A translations repository as the examples expect it, approved and committed."""
    repo = tmp_path / "project"
    (repo / "translations").mkdir(parents=True)
    shutil.copy(SEED, repo / "translations" / SEED.name)
    (repo / "requirements.txt").write_text("numpy>=1.26\n")
    (repo / "README.txt").write_text("Translations of the abstracts.\n")
    shutil.copy(ROOT / "examples" / "pyproject-thresholds.toml", repo / "pyproject.toml")
    git(repo, "init", "-q")
    snap = aligner_cli(repo, "snapshot", "translations/", "-o", "aligner-baseline.json")
    assert snap.returncode == 0, snap.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "approved")
    return repo


def drift(repo: Path) -> None:
    record = repo / "translations" / SEED.name
    text = record.read_text(encoding="utf-8")
    assert APPROVED in text
    record.write_text(text.replace(APPROVED, FORBIDDEN), encoding="utf-8")
    git(repo, "add", "-A")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's hook definitions and package, as a git repository for try-repo."""
    src = source_copy(tmp_path_factory.mktemp("aligner-src"))
    git(src, "init", "-q")
    git(src, "add", "-A")
    git(src, "commit", "-qm", "aligner")
    return src


def pre_commit_env(home: Path) -> dict[str, str]:
    """pre-commit installs the hook repository into its own environment with pip; here pip
    installs just the package (no index, no dependencies, no build isolation) and the hook
    environment finds the dependencies installed in this one through PYTHONPATH."""
    return clean_env(PRE_COMMIT_HOME=str(home), PYTHONPATH=os.pathsep.join(HERE_SITE),
                     PIP_NO_INDEX="1", PIP_NO_DEPS="1", PIP_IGNORE_INSTALLED="1",
                     PIP_NO_BUILD_ISOLATION="0",
                     PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))


def test_hook_through_pre_commit_try_repo(project: Path, hook_repo: Path,
                                          tmp_path: Path) -> None:
    env = pre_commit_env(tmp_path / "pre-commit-home")
    cmd = [str(BIN / "pre-commit"), "try-repo", str(hook_repo), "aligner-check", "--all-files"]
    ok = run(cmd, env=env, cwd=project)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Passed" in ok.stdout
    drift(project)
    failed = run(cmd, env=env, cwd=project)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "off-the-shelf" in failed.stdout


def test_example_pre_commit_config_as_written(project: Path, tmp_path: Path) -> None:
    shutil.copy(ROOT / "examples" / "pre-commit-config.yaml", project / ".pre-commit-config.yaml")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "hooks")
    env = clean_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
                    PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    pre_commit = str(BIN / "pre-commit")
    ok = run([pre_commit, "run", "--all-files"], env=env, cwd=project)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    drift(project)
    failed = run([pre_commit, "run", "--all-files"], env=env, cwd=project)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "off-the-shelf" in failed.stdout
    # approving the reviewed change (manual stage) makes the check pass again
    approve = run([pre_commit, "run", "aligner-snapshot", "--hook-stage", "manual"],
                  env=env, cwd=project)
    assert approve.returncode in (0, 1), approve.stdout + approve.stderr  # 1: baseline rewritten
    git(project, "add", "-A")
    again = run([pre_commit, "run", "--all-files"], env=env, cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr


def workflow_steps() -> list[str]:
    workflow = yaml.safe_load((ROOT / "examples" / "github-actions.yml").read_text())
    return [s["run"] for s in workflow["jobs"]["aligner-check"]["steps"] if "run" in s]


def test_github_actions_steps_run(project: Path, tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    wheel = build_wheel(source_copy(tmp_path / "src"), tmp_path / "wheels")
    venv_bin = fresh_venv(tmp_path / "runner-venv")
    summary = tmp_path / "step-summary.md"
    env = offline_pip_env(wheel.parent, GITHUB_STEP_SUMMARY=str(summary), CI="true",
                          PATH=os.pathsep.join([str(venv_bin), os.environ.get("PATH", "")]))

    def run_steps() -> list[int]:
        return [run(["bash", "-e", "-c", step], env=env, cwd=project).returncode
                for step in workflow_steps()]

    assert run_steps() == [0, 0, 0]  # install, check, report
    assert (venv_bin / "aligner").exists()  # the install step installed the command
    assert "aligner" in summary.read_text(encoding="utf-8")
    assert (project / "aligner-junit.xml").exists() and (project / "aligner-report.html").exists()
    drift(project)
    assert run_steps()[1] == 1  # the check step fails the job on term drift
