"""Fault injection: real signals to real `aligner` processes, a full disk, dead workers,
planted and corrupted cache files, outputs that would overwrite inputs, text that would drive a
terminal or a pull-request comment.

What must hold under every fault: no record lost or cut (an output is whole, or a `.partial`
of whole records in input order, or absent), a previous output untouched, no process left
behind, one line on stderr and exit 2 (or 128+signal), never a traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from aligner.cli import main

EN = "The cells were activated in vitro. They then proliferated rapidly in culture."
ZH = "细胞在体外被激活。随后它们在培养中迅速增殖。"
WAIT = 120  # seconds: generous bounds that catch a hang, not a slow machine


def corpus(path: Path, n: int, *, sentences: int = 1) -> list[str]:
    ids = [f"r{i:05d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as f:
        for rid in ids:
            f.write(json.dumps({"id": rid, "en": EN * sentences, "zh": ZH * sentences},
                               ensure_ascii=False) + "\n")
    return ids


def start(args: list[str], cwd: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "aligner", *args], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8", **env})


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (workers, fork server, resource tracker), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(entry.name))
    out: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def children(pid: int) -> set[int]:
    return {p for p in descendants(pid)
            if Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[1] == str(pid)}


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state not in ("Z", "X"):
                out.add(pid)
    return out


def wait_for(condition, timeout: float = WAIT) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return False


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


def whole_prefix(path: Path, ids: list[str]) -> int:
    """Records in a JSONL output: every line parses and the documents are the first N of the
    input, in order (nothing cut, nothing skipped). Returns N."""
    docs: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)["doc"]  # a cut line would not parse
        if not docs or docs[-1] != doc:
            docs.append(doc)
    assert docs == ids[: len(docs)]
    return len(docs)


# --- -o never overwrites an input ----------------------------------------------------------------


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "errors-file"])
def test_output_naming_an_input_is_refused_before_anything_is_opened(tmp_path, capsys, how):
    source = tmp_path / "in.jsonl"
    corpus(source, 3)
    before = source.read_bytes()
    target = {"same": source, "symlink": tmp_path / "link.jsonl",
              "hardlink": tmp_path / "hard.jsonl", "errors-file": source}[how]
    if how == "symlink":
        target.symlink_to(source)
    if how == "hardlink":
        os.link(source, target)
    argv = ["align", str(source), "-f", "jsonl"]
    argv += ["--errors", str(target), "-o", str(tmp_path / "o.jsonl")] if how == "errors-file" \
        else ["-o", str(target)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "refusing to overwrite an input" in err and len(err.strip().splitlines()) == 1
    assert source.read_bytes() == before
    assert not temp_files(tmp_path)


def test_parts_directory_inside_the_input_directory_is_refused(tmp_path, capsys):
    folder = tmp_path / "records"
    folder.mkdir()
    corpus(folder / "c.jsonl", 2)
    assert main(["align", str(folder), "-f", "jsonl", "-o", str(folder / "parts") + "/"]) == 2
    assert "inside the input directory" in capsys.readouterr().err
    assert not (folder / "parts").exists()


def test_output_next_to_but_outside_the_inputs_is_fine(tmp_path):
    corpus(tmp_path / "c.jsonl", 2)
    assert main(["align", str(tmp_path / "c.jsonl"), "-f", "jsonl",
                 "-o", str(tmp_path / "c.out.jsonl")]) == 0


# --- outputs appear only when complete ----------------------------------------------------------


def test_failed_run_leaves_the_previous_output_untouched(tmp_path, capsys, monkeypatch):
    out = tmp_path / "baseline.json"
    out.write_text("APPROVED\n", encoding="utf-8")
    source = tmp_path / "c.jsonl"
    corpus(source, 2)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["snapshot", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "cannot write baseline (disk full)" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "APPROVED\n"
    assert not temp_files(tmp_path)


def test_interrupted_writer_keeps_whole_records_in_a_partial_file(tmp_path, capsys):
    from aligner.outfile import atomic_output

    out = tmp_path / "links.jsonl"
    out.write_text("OLD\n")
    with pytest.raises(KeyboardInterrupt), atomic_output(out, keep_partial=True) as stream:
        stream.write('{"doc": "a"}\n')
        raise KeyboardInterrupt
    assert out.read_text() == "OLD\n"
    assert (tmp_path / "links.jsonl.partial").read_text() == '{"doc": "a"}\n'
    assert "records finished so far are in" in capsys.readouterr().err
    assert not temp_files(tmp_path)


def test_interrupted_parquet_keeps_the_finished_documents_readable(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from aligner.outfile import atomic_output
    from aligner.pipeline import align_document
    from aligner.read.records import make_document
    from aligner.report.parquet import write_parquet

    docs = [align_document(make_document(id=f"d{i}", en=EN, zh=ZH, source="t"))
            for i in range(3)]

    def interrupted():
        yield from docs
        raise KeyboardInterrupt

    out = tmp_path / "links.parquet"
    with pytest.raises(KeyboardInterrupt), atomic_output(out, binary=True,
                                                         keep_partial=True) as stream:
        write_parquet(interrupted(), stream)  # 3 documents: far below one row group
    assert not out.exists()
    table = pq.read_table(tmp_path / "links.parquet.partial")
    assert sorted(set(table.column("doc").to_pylist())) == ["d0", "d1", "d2"]


# --- signals to real processes ------------------------------------------------------------------


SLOW = pytest.mark.slow  # each starts a pool of real workers: ~4 s on a shared machine


@pytest.mark.parametrize("signum", [signal.SIGTERM, pytest.param(signal.SIGHUP, marks=SLOW),
                                    pytest.param(signal.SIGINT, marks=SLOW)])
def test_signal_ends_a_pooled_run_cleanly_with_no_orphans(tmp_path, signum):
    ids = corpus(tmp_path / "c.jsonl", 3000, sentences=2)
    out = tmp_path / "out.jsonl"
    proc = start(["align", "c.jsonl", "--jobs", "2", "--batch-size", "8", "-f", "jsonl",
                  "-o", "out.jsonl", "-q"], tmp_path)
    try:
        assert wait_for(lambda: any(p.stat().st_size for p in temp_files(tmp_path))), \
            proc.stderr.read() if proc.poll() is not None else "no output started"
        family = descendants(proc.pid)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert f"interrupted ({signal.Signals(signum).name})" in err
    assert not out.exists()
    partial = tmp_path / "out.jsonl.partial"
    assert partial.exists() and "records finished so far are in" in err
    assert whole_prefix(partial, ids) >= 1
    assert not temp_files(tmp_path)
    assert wait_for(lambda: not alive(family)), f"orphans: {alive(family)}"


@SLOW
def test_sigkill_of_the_parent_leaves_no_workers_and_the_old_output(tmp_path):
    corpus(tmp_path / "c.jsonl", 3000, sentences=2)
    out = tmp_path / "out.jsonl"
    out.write_text("GOOD OLD OUTPUT\n")
    proc = start(["align", "c.jsonl", "--jobs", "2", "--batch-size", "8", "-f", "jsonl",
                  "-o", "out.jsonl", "-q"], tmp_path)
    try:
        assert wait_for(lambda: len(alive(descendants(proc.pid))) >= 2)
        assert wait_for(lambda: any(p.stat().st_size for p in temp_files(tmp_path)))
        family = descendants(proc.pid)
        proc.kill()
        proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert out.read_text() == "GOOD OLD OUTPUT\n"  # the old output was never opened
    assert wait_for(lambda: not alive(family)), f"orphans: {alive(family)}"


@SLOW
def test_dead_worker_is_reported_truthfully_and_finished_records_are_kept(tmp_path):
    ids = corpus(tmp_path / "c.jsonl", 3000, sentences=2)
    proc = start(["align", "c.jsonl", "--jobs", "2", "--batch-size", "8", "-f", "jsonl",
                  "-o", "out.jsonl", "-q"], tmp_path)
    try:
        assert wait_for(lambda: any(p.stat().st_size for p in temp_files(tmp_path)))
        # the fork server and the resource tracker are the run's children; workers are the
        # fork server's children
        workers = sorted(descendants(proc.pid) - children(proc.pid))
        assert workers
        family = descendants(proc.pid)
        os.kill(workers[0], signal.SIGKILL)
        _, err = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 2, err
    assert "a worker process died" in err and "Traceback" not in err
    assert "records finished so far are in" in err
    assert whole_prefix(tmp_path / "out.jsonl.partial", ids) >= 1
    assert not (tmp_path / "out.jsonl").exists()
    assert wait_for(lambda: not alive(family)), f"orphans: {alive(family)}"


# --- full disk --------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB tmpfs when this machine lets us mount one (root in a container), else skip."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (the /dev/full tests cover a full disk)")
    yield mount
    subprocess.run(["umount", str(mount)], capture_output=True)


def test_full_disk_fails_with_one_line_and_keeps_the_approved_baseline(tmp_path, small_disk):
    source = tmp_path / "c.jsonl"
    corpus(source, 5)
    baseline = small_disk / "baseline.json"
    assert main(["snapshot", str(source), "-o", str(baseline)]) == 0
    approved = baseline.read_bytes()
    filler = small_disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as f:
        while True:
            f.write(b"\0" * 4096)
            f.flush()
    corpus(source, 200)
    proc = subprocess.run([sys.executable, "-m", "aligner", "snapshot", str(source), "-o",
                           str(baseline)], capture_output=True, text=True, timeout=WAIT)
    assert proc.returncode == 2
    assert "disk full" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert baseline.read_bytes() == approved
    assert not temp_files(small_disk)


@pytest.mark.parametrize("command", [
    ["align", "IN", "-f", "jsonl"],  # stdout is /dev/full
    pytest.param(["align", "IN", "-f", "jsonl", "-o", "/dev/full"], marks=SLOW),
    pytest.param(["score", "IN"], marks=SLOW),
    pytest.param(["report", "IN", "-o", "/dev/full"], marks=SLOW),
])
def test_dev_full_is_one_line_and_exit_2(tmp_path, command):
    corpus(tmp_path / "c.jsonl", 20)
    argv = [str(tmp_path / "c.jsonl") if a == "IN" else a for a in command]
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "aligner", *argv], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=WAIT)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    assert proc.stderr.startswith("aligner: error:") and "disk full" in proc.stderr


def test_missing_dask_extra_is_one_line(tmp_path, capsys, monkeypatch):
    corpus(tmp_path / "c.jsonl", 2)
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    assert main(["align", str(tmp_path / "c.jsonl"), "--engine", "dask", "-f", "jsonl",
                 "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "scale" in err and "Traceback" not in err


# --- per-record time budget ---------------------------------------------------------------------


def test_record_over_its_time_budget_goes_to_the_errors_file(tmp_path, monkeypatch):
    source = tmp_path / "c.jsonl"
    with source.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "small", "en": EN, "zh": ZH}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "slow", "en": EN * 6000, "zh": ZH * 6000},
                           ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "small2", "en": EN, "zh": ZH}, ensure_ascii=False) + "\n")
    monkeypatch.setenv("ALIGNER_RECORD_SECONDS", "1")
    errors, out = tmp_path / "e.jsonl", tmp_path / "o.jsonl"
    assert main(["align", str(source), "--errors", str(errors), "-f", "jsonl", "-o", str(out),
                 "-q"]) == 2
    failed = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [f["id"] for f in failed] == ["slow"] and "time budget" in failed[0]["error"]
    docs = {json.loads(line)["doc"] for line in out.read_text().splitlines()}
    assert docs == {"small", "small2"}


# --- the caches cannot run code or silently change results --------------------------------------


class _Planted:
    def __reduce__(self):
        return (Path.touch, (Path(os.environ["PLANTED_MARKER"]),))


@pytest.fixture
def index_cache(tmp_path, monkeypatch):
    from aligner.align import dictionary

    builds = []
    real = {f"stem{i}": (f"词{i}",) for i in range(dictionary.MIN_ENTRIES)}

    def fake_build():
        builds.append(1)
        return dict(real)

    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dictionary, "build_index", fake_build)
    dictionary.en_zh_index.cache_clear()
    yield dictionary, dictionary._cache_path(), builds, real
    dictionary.en_zh_index.cache_clear()


def test_planted_pickle_in_the_dictionary_cache_is_never_loaded(index_cache, tmp_path,
                                                                monkeypatch):
    dictionary, path, builds, real = index_cache
    marker = tmp_path / "pwned"
    monkeypatch.setenv("PLANTED_MARKER", str(marker))
    path.parent.mkdir(parents=True, exist_ok=True)
    for planted in (path, path.with_suffix(".pkl")):
        planted.write_bytes(pickle.dumps(_Planted()))
    assert dictionary.en_zh_index() == real
    assert not marker.exists() and builds == [1]
    dictionary.en_zh_index.cache_clear()
    assert dictionary.en_zh_index() == real and builds == [1]  # rebuilt cache reused


@pytest.mark.parametrize("planted", [
    b"{}",
    json.dumps({"format": "aligner-cedict-index", "version": 6, "entries": 0,
                "sha256": __import__("hashlib").sha256(b"{}").hexdigest()}).encode() + b"\n{}",
])
def test_empty_dictionary_cache_is_rebuilt(index_cache, planted):
    dictionary, path, builds, real = index_cache
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(planted)
    assert dictionary.en_zh_index() == real and builds == [1]


def test_every_corrupted_byte_of_the_dictionary_cache_is_caught(index_cache):
    import random

    dictionary, _, _, real = index_cache
    good = dictionary.dumps_index(real)
    rng = random.Random(11)
    for _ in range(300):
        data = bytearray(good)
        at = rng.randrange(len(data))
        data[at] = (data[at] + rng.randrange(1, 256)) % 256
        assert dictionary.loads_index(bytes(data)) in (None, real)


def test_corrupted_embedding_cache_rows_are_embedded_again(tmp_path):
    import sqlite3

    from aligner.embed import normalise
    from aligner.embed.cache import CachedEncoder, EmbeddingStore, text_key

    class Fake:
        name, dim = "fake", 8

        def __init__(self):
            self.calls: list[str] = []

        def encode(self, texts):
            self.calls += list(texts)
            rows = [np.random.default_rng(list(t.encode())).normal(size=8) for t in texts]
            return normalise(np.array(rows).reshape(len(texts), 8))

    path = tmp_path / "e.sqlite"
    texts = [f"sentence {i}" for i in range(5)]
    fresh = CachedEncoder(Fake(), EmbeddingStore(path)).encode(texts)
    bad = {texts[0]: np.full(8, np.nan, np.float32).tobytes(),
           texts[1]: np.zeros(8, np.float32).tobytes(),
           texts[2]: (fresh[2] * 3).astype(np.float32).tobytes(),
           texts[3]: fresh[3].astype(np.float32).tobytes()[:-4]}
    with sqlite3.connect(path) as db:
        for text, blob in bad.items():
            db.execute("UPDATE vectors SET vec = ? WHERE key = ?", (blob, text_key(text)))
    inner = Fake()
    with pytest.warns(UserWarning, match="4 cached embedding"):
        again = CachedEncoder(inner, EmbeddingStore(path)).encode(texts)
    assert sorted(inner.calls) == texts[:4]
    np.testing.assert_allclose(again, fresh, rtol=1e-6)


# --- output that is safe to show ----------------------------------------------------------------

HOSTILE_ID = "doc\x1b]0;owned\x07\x1b[2J"
HOSTILE_EN = ("See ![x](https://evil.example/pixel.png) and [click](https://evil.example) "
              "@maintainer \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\ now.")
HOSTILE_ZH = "见 ![x](https://evil.example/pixel.png) 和 @maintainer \x1b[31m红色\x1b[0m。"


def hostile(tmp_path: Path) -> Path:
    source = tmp_path / "h.jsonl"
    source.write_text(json.dumps({"id": HOSTILE_ID, "en": HOSTILE_EN, "zh": HOSTILE_ZH}) + "\n",
                      encoding="utf-8")
    return source


@pytest.mark.parametrize("argv", [["align", "IN", "-f", "table"], ["score", "IN"]])
def test_terminal_output_shows_escape_sequences_instead_of_running_them(tmp_path, capsys, argv):
    source = hostile(tmp_path)
    main([str(source) if a == "IN" else a for a in argv] + ["-q"])
    out, err = capsys.readouterr()
    assert "\x1b" not in out and "\x07" not in out and "\x1b" not in err
    assert "\\x1b" in out


def test_check_table_and_summary_neutralise_escapes_and_markdown(tmp_path, capsys):
    source = hostile(tmp_path)
    baseline = tmp_path / "b.json"
    assert main(["snapshot", str(source), "-o", str(baseline), "--no-glossary"]) == 0
    source.write_text(json.dumps({"id": HOSTILE_ID, "en": HOSTILE_EN,
                                  "zh": HOSTILE_ZH.replace("红色", "蓝色")}) + "\n",
                      encoding="utf-8")
    summary = tmp_path / "summary.md"
    main(["check", str(source), "-b", str(baseline), "--summary", str(summary),
          "--no-glossary"])
    out, _ = capsys.readouterr()
    assert "\x1b" not in out
    md = summary.read_text(encoding="utf-8")
    assert "\x1b" not in md
    live = outside_code_spans(md)  # inside a code span nothing renders
    assert "![" not in live and "](https://" not in live
    assert "@maintainer" not in live  # a word joiner after @: no notification


def outside_code_spans(md: str) -> str:
    import re

    return re.sub(r"(`+)(?:(?!\1).)*?\1", " ", md)


def test_score_markdown_neutralises_links_images_and_mentions(tmp_path, capsys):
    source = hostile(tmp_path)
    main(["score", str(source), "-f", "md", "-q"])
    md = outside_code_spans(capsys.readouterr().out)
    assert "![" not in md and "](https://" not in md and "@maintainer" not in md
    assert "\x1b" not in md


def test_quoted_formula_cell_is_guarded():
    from aligner.safe import neutralise_cell, restore_cell

    cell = '"=HYPERLINK(""https://evil.example"",""open"")"'
    assert neutralise_cell(cell).startswith("'")
    assert restore_cell(neutralise_cell(cell)) == cell
    assert neutralise_cell('"quoted" text') == '"quoted" text'


def test_baseline_glossary_outside_the_project_is_refused_without_echoing_it(tmp_path, capsys):
    secret = tmp_path / "secret.csv"
    secret.write_text("TOP-SECRET-LINE\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "ci").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    source = project / "c.jsonl"
    corpus(source, 1)
    baseline = project / "ci" / "b.json"
    assert main(["snapshot", str(source), "-o", str(baseline)]) == 0
    data = json.loads(baseline.read_text(encoding="utf-8"))
    for label, message in (("../../secret.csv", "points outside the project"),
                           (str(secret), "relative to the baseline"),
                           ("../c.jsonl", "cannot be read as a glossary")):
        data["glossary"] = label
        baseline.write_text(json.dumps(data), encoding="utf-8")
        assert main(["check", str(source), "-b", str(baseline)]) == 2
        err = capsys.readouterr().err
        assert message in err and "TOP-SECRET" not in err and '"id"' not in err


DOT_LEADERS = "Introduction" + "." * 40 + "12 and the methods follow here."


def test_record_stuck_in_segmentation_fails_alone_within_its_budget(tmp_path, monkeypatch):
    """A dot-leader run (`Introduction........12`) was exponential in the English segmenter
    (issue 11; the `segment` branch makes the pattern linear). Whatever the segmenter does, a
    corpus run must not stall on it: the budget sends the record to the errors file."""
    source = tmp_path / "c.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for rid, en in (("a", EN), ("dots", DOT_LEADERS), ("b", EN)):
            f.write(json.dumps({"id": rid, "en": en, "zh": ZH}, ensure_ascii=False) + "\n")
    monkeypatch.setenv("ALIGNER_RECORD_SECONDS", "3")
    errors, out = tmp_path / "e.jsonl", tmp_path / "o.jsonl"
    code = main(["align", str(source), "--errors", str(errors), "-f", "jsonl", "-o", str(out),
                 "-q"])
    failed = [json.loads(line) for line in errors.read_text().splitlines()]
    docs = {json.loads(line)["doc"] for line in out.read_text().splitlines()}
    assert {"a", "b"} <= docs
    assert (code, [f["id"] for f in failed]) in ((0, []), (2, ["dots"]))


@pytest.mark.parametrize("text", [DOT_LEADERS, "Great" + "!" * 40 + " Then more.",
                                  "Really" + "?!" * 20 + " Yes.",
                                  "Contents" + "." * 100_000 + "1 and more."])
def test_punctuation_runs_segment_without_a_budget(tmp_path, capsys, text):
    """Exponential before the `segment` branch made `_CANDIDATE` linear (40 dots: hours)."""
    source = tmp_path / "r.jsonl"
    source.write_text(json.dumps({"id": "r", "en": text, "zh": ZH}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    assert main(["align", str(source), "-f", "jsonl", "-q"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["doc"] == "r"


def test_new_output_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path):
    from aligner.outfile import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
        kept = tmp_path / "kept.txt"
        kept.write_text("y")
        kept.chmod(0o640)
        write_atomic(kept, "z")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text() == "z"
