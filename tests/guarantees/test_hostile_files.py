"""Files that come from elsewhere cannot make trustcoach hang or fill memory (issue #25):

- a key file that asks Argon2id for gigabytes or minutes is "damaged", before any derivation
  (``lock.toml`` is safe to sync, so it can come from another device);
- a named pipe as the passphrase file is waited for with a notice, and only so long;
- a sealed index far larger than the journals could need (a sparse file) is never read.

Hangs are tried in a process of their own, with a timeout, so that a hang fails the test
instead of stopping the run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.journals import list_json
from tests.support.runner import ok, one_sentence_error, refused, run_cli
from tests.support.sessions import complete_session
from tests.support.vaults import PASSPHRASE
from trustcoach.lock import crypto

pytestmark = pytest.mark.usefixtures("fixed_clock")


@pytest.fixture
def locked_home(isolated_home: Path, tmp_path: Path, passphrase: str) -> Path:
    """A locked home with one session in it."""
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    ok(run_cli("lock"))
    return isolated_home


# ---------------------------------------------------------------------------------------------
# Item 4: the cost a key file asks for
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [("memory_kib", 4 * 1024 * 1024), ("iterations", 64), ("lanes", 64)],
)
def test_a_key_file_asking_for_far_more_than_the_defaults_is_damaged_at_once(
    field: str, value: int, locked_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = locked_home / "lock.toml"
    text = key_file.read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"{field} = "))
    hostile = text.replace(line, f"{field} = {value}")
    if field != "memory_kib":  # memory enough for the lanes: only the field tried is wrong
        hostile = re.sub(r"memory_kib = [0-9]+", "memory_kib = 65536", hostile)
    key_file.write_text(hostile, "utf-8")
    derived: list[object] = []
    monkeypatch.setattr(crypto, "derive", lambda *args: derived.append(args) or b"\0" * 32)
    sentence = refused(run_cli("list"))
    assert str(key_file) in sentence and f"'{field}'" in sentence, sentence
    assert derived == [], "nothing is derived from a key file that asks too much"
    assert key_file.read_text("utf-8") == hostile


def test_the_bounds_are_a_few_times_the_defaults() -> None:
    default = crypto.RFC9106_SECOND
    assert default.memory_kib < crypto.MAX_MEMORY_KIB <= 4 * default.memory_kib
    assert default.iterations < crypto.MAX_ITERATIONS <= 4 * default.iterations
    assert default.lanes < crypto.MAX_LANES <= 4 * default.lanes


# ---------------------------------------------------------------------------------------------
# Item 6: a named pipe as the passphrase file
# ---------------------------------------------------------------------------------------------


def _rescue(fifo: Path, after: float, text: str) -> threading.Thread:
    """A writer that comes to the pipe after ``after`` seconds (so that a reader that blocks
    is let go in the end rather than hanging the run) and writes ``text``."""

    def write() -> None:
        time.sleep(after)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # nobody reads yet (ENXIO), or the test is over
                time.sleep(0.05)
                continue
            try:
                os.write(fd, text.encode("utf-8"))
            finally:
                os.close(fd)
            return

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_a_named_pipe_nobody_writes_to_is_waited_for_with_a_notice_and_a_limit(
    locked_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustcoach.cli.terminal import passphrase

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    monkeypatch.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(fifo))
    monkeypatch.setattr(passphrase, "PIPE_NOTICE_AFTER", 0.2, raising=False)
    monkeypatch.setattr(passphrase, "PIPE_WAIT", 1, raising=False)
    _rescue(fifo, 8, "wrong passphrase\n")
    started = time.monotonic()
    result = run_cli("list")
    assert time.monotonic() - started < 5, "the wait has a limit"
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    notice, sentence = [line for line in result.stderr.splitlines() if line.strip()]
    assert str(fifo) in notice and "named pipe" in notice and "1 second" in notice, notice
    one_sentence_error(sentence)
    assert str(fifo) in sentence and "TRUSTCOACH_PASSPHRASE_FILE" in sentence, sentence
    assert result.stdout == ""


def test_a_named_pipe_written_to_late_gives_its_passphrase_after_the_notice(
    locked_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustcoach.cli.terminal import passphrase

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    monkeypatch.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(fifo))
    monkeypatch.setattr(passphrase, "PIPE_NOTICE_AFTER", 0.2, raising=False)
    _rescue(fifo, 1, PASSPHRASE + "\n")
    result = run_cli("list", "--json")
    assert result.exit_code == 0, result.stderr
    (notice,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert str(fifo) in notice and "Waiting" in notice, notice
    assert '"status": "complete"' in result.stdout


def test_a_named_pipe_in_japanese_is_one_sentence_too(
    locked_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustcoach.cli.terminal import passphrase

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    monkeypatch.setenv("TRUSTCOACH_PASSPHRASE_FILE", str(fifo))
    monkeypatch.setenv("TRUSTCOACH_LANG", "ja")
    monkeypatch.setattr(passphrase, "PIPE_NOTICE_AFTER", 0.2, raising=False)
    monkeypatch.setattr(passphrase, "PIPE_WAIT", 1, raising=False)
    _rescue(fifo, 8, "wrong passphrase\n")
    result = run_cli("list")
    notice, sentence = [line for line in result.stderr.splitlines() if line.strip()]
    assert "名前付きパイプ" in notice and "1秒" in notice, notice
    assert "名前付きパイプ" in one_sentence_error(sentence), sentence


# ---------------------------------------------------------------------------------------------
# Item 8: a sealed index far larger than the journals
# ---------------------------------------------------------------------------------------------

PEAK_PROBE = (
    "import resource, subprocess, sys;"
    "done = subprocess.run(sys.argv[1:], capture_output=True);"
    "sys.stderr.write(done.stderr.decode());"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def test_a_sparse_sealed_index_is_treated_as_stale_and_never_read_whole(
    locked_home: Path, passphrase: str
) -> None:
    ok(run_cli("list"))
    index = locked_home / "index.locked"
    real_size = index.stat().st_size
    with index.open("r+b") as handle:  # the real sealed index, then 300 MB of holes
        handle.truncate(300_000_000)
    assert index.stat().st_blocks * 512 < 1_000_000, "sparse: nearly nothing on disk"
    done = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, sys.executable, "-m", "trustcoach", "list"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    code, peak_kib = map(int, done.stdout.split())
    assert code == 0, done.stderr
    assert peak_kib < 150 * 1024, f"list took {peak_kib // 1024} MiB"
    assert index.stat().st_size < 10 * real_size, "rebuilt from the journals and written again"
    assert [row["status"] for row in list_json()] == ["complete"]


def test_the_cap_of_the_sealed_index_grows_with_the_journals() -> None:
    from trustcoach.journal.index_file import LOCKED_INDEX_LIMIT, locked_index_limit

    assert locked_index_limit(4, 40_000) < 2_000_000
    assert locked_index_limit(10_000, 0) > 10_000 * 1_000  # unreadable empty files: a row each
    assert locked_index_limit(10_000, 50_000_000) > 8_000_000 * 10  # 10,000 journals: 8 MB
    assert locked_index_limit(1, 10**12) == LOCKED_INDEX_LIMIT
