"""`aligner align ... -o DIR/ --resume`: a killed corpus run finishes as if never interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_fixtures import write_jsonl

BATCH = 5


def _cmd(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "aligner", "align", str(corpus), "-f", "jsonl", "-o",
            f"{out}/", "--batch-size", str(BATCH), "-q", *extra]


def _tree(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _kill_after_parts(cmd: list[str], out: Path, parts: int) -> None:
    """Start `cmd`, SIGKILL it (no clean-up possible) once `parts` part files exist."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None and len(list(out.glob("part-*"))) < parts:
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", 400, bad=(7, 123))


def test_resumed_run_is_byte_identical_to_an_uninterrupted_one(corpus: Path, tmp_path: Path):
    whole, broken = tmp_path / "whole", tmp_path / "broken"
    errors_whole, errors_resumed = tmp_path / "e1.jsonl", tmp_path / "e2.jsonl"
    done = subprocess.run(_cmd(corpus, whole, "--errors", str(errors_whole)), capture_output=True,
                          text=True)
    assert done.returncode == 2, done.stderr  # two bad records, reported, run completed
    expected = _tree(whole)
    assert len(expected) == 400 // BATCH

    _kill_after_parts(_cmd(corpus, broken), broken, 10)
    written = len(list(broken.glob("part-*")))
    assert 10 <= written < 400 // BATCH, "the run finished before it could be killed"

    refused = subprocess.run(_cmd(corpus, broken), capture_output=True, text=True)
    assert refused.returncode == 2 and "--resume" in refused.stderr

    resumed = subprocess.run(_cmd(corpus, broken, "--resume", "--errors", str(errors_resumed),
                                  "--jobs", "2"), capture_output=True, text=True)
    assert resumed.returncode == 2, resumed.stderr
    assert _tree(broken) == expected  # parts byte-identical, no state or temporary files left
    assert errors_resumed.read_bytes() == errors_whole.read_bytes()  # skipped parts' failures too


def test_resume_skips_complete_parts(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    _kill_after_parts(_cmd(corpus, out), out, 4)
    # complete = the part and its recorded result (a kill between the two redoes the part)
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")
              if (out / ".aligner-run" / f"{p.name.split('.')[0]}.json").is_file()}
    assert before
    subprocess.run(_cmd(corpus, out, "--resume"), check=False, capture_output=True)
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")}
    assert all(after[name] == mtime for name, mtime in before.items())  # not rewritten
    assert len(after) == 400 // BATCH


def test_resume_refuses_a_different_run(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    _kill_after_parts(_cmd(corpus, out), out, 2)
    with corpus.open("a", encoding="utf-8") as f:  # the input changed since
        f.write(corpus.read_text(encoding="utf-8").splitlines()[0] + "\n")
    changed = subprocess.run(_cmd(corpus, out, "--resume"), capture_output=True, text=True)
    assert changed.returncode == 2
    assert "not the interrupted run" in changed.stderr and "Traceback" not in changed.stderr


def test_resume_needs_a_part_directory(corpus: Path, tmp_path: Path):
    r = subprocess.run([sys.executable, "-m", "aligner", "align", str(corpus), "-o",
                        str(tmp_path / "links.jsonl"), "--resume", "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "--resume needs -o DIR/" in r.stderr


def test_resume_of_a_completed_run_says_so(corpus: Path, tmp_path: Path):
    out = tmp_path / "out"
    subprocess.run(_cmd(corpus, out), capture_output=True)
    r = subprocess.run(_cmd(corpus, out, "--resume"), capture_output=True, text=True)
    assert r.returncode == 2 and "nothing to resume" in r.stderr
