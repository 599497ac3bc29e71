"""Where ``export --output`` and ``remind --ics`` write (issue #25, item 7): ``-`` is standard
output; a named pipe or a terminal (a character device) is written into; a path that is this
process's standard output (``/dev/stdout``, a link to ``/proc/self/fd/1``) is standard output;
a socket or a block device is refused in one sentence. None of them is ever replaced by a
regular file, and none is met with advice to use ``--force``.

These tests run as root on some machines: nothing here points trustcoach at a real device
other than ``/dev/null`` through a link, and the old behaviour (replacing the path) can only
ever have replaced a link in the test's own folder.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.runner import ok, refused, run_cli, run_process
from tests.support.sessions import complete_session

pytestmark = pytest.mark.usefixtures("fixed_clock")

COMMANDS = {
    "export": ["export", "latest", "--format", "md", "--output"],
    "remind": ["remind", "--ics"],
}


@pytest.fixture
def one_session(isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A complete session with open commitments; the test runs in a folder of its own."""
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def file_bytes(command: str, folder: Path) -> bytes:
    """What the command writes to a regular file."""
    target = folder / f"as-a-file-{command}"
    ok(run_cli(*COMMANDS[command], str(target)))
    data = target.read_bytes()
    target.unlink()
    return data


@pytest.mark.parametrize("command", COMMANDS)
def test_a_dash_writes_to_standard_output(command: str, one_session: Path) -> None:
    expected = file_bytes(command, one_session)
    done = run_process(*COMMANDS[command], "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected, "standard output gets the bytes a file would, and no more"
    assert list(one_session.iterdir()) == [], "no file named '-'"


@pytest.mark.parametrize("command", COMMANDS)
def test_dev_stdout_and_a_link_to_it_are_standard_output(command: str, one_session: Path) -> None:
    expected = file_bytes(command, one_session)
    link = one_session / "to-fd-1"
    link.symlink_to("/proc/self/fd/1")
    for target in ("/dev/stdout", str(link)):
        done = run_process(*COMMANDS[command], target)
        assert done.returncode == 0, done.stderr
        assert done.stdout == expected, target
        assert b"--force" not in done.stderr
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    with (one_session / "redirected").open("wb") as handle:  # ... > redirected
        subprocess.run(
            [sys.executable, "-m", "trustcoach", *COMMANDS[command], "/dev/stdout"],
            stdout=handle,
            check=True,
            timeout=60,
        )
    assert (one_session / "redirected").read_bytes() == expected


def _reader(fifo: Path, got: list[bytes]) -> threading.Thread:
    def read() -> None:
        with fifo.open("rb") as handle:
            got.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_named_pipe_is_written_into_and_stays_a_pipe(
    command: str, force: bool, one_session: Path
) -> None:
    expected = file_bytes(command, one_session)
    fifo = one_session / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _reader(fifo, got)
    ok(run_cli(*COMMANDS[command], str(fifo), *(["--force"] if force else [])))
    reader.join(timeout=10)
    assert got == [expected]
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "never replaced by a regular file"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_named_pipe_nobody_reads_is_one_sentence(command: str, one_session: Path) -> None:
    fifo = one_session / "pipe"
    os.mkfifo(fifo)
    sentence = refused(run_cli(*COMMANDS[command], str(fifo), "--force"))
    assert str(fifo) in sentence and "--force" not in sentence, sentence
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_to_a_device_is_written_into_and_stays_a_link(
    command: str, one_session: Path
) -> None:
    link = one_session / "nowhere"
    link.symlink_to("/dev/null")
    for extra in ([], ["--force"]):
        result = run_cli(*COMMANDS[command], str(link), *extra)
        assert result.exit_code == 0, result.stderr
        assert "--force" not in result.stderr
        assert link.is_symlink() and os.readlink(link) == "/dev/null"


@pytest.mark.parametrize("command", COMMANDS)
def test_a_socket_is_refused_in_one_sentence(command: str, one_session: Path) -> None:
    path = one_session / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        for extra in ([], ["--force"]):
            sentence = refused(run_cli(*COMMANDS[command], str(path), *extra))
            assert str(path) in sentence and "socket" in sentence, sentence
            assert "--force" not in sentence
        assert stat.S_ISSOCK(path.lstat().st_mode)
    finally:
        server.close()


def test_a_block_device_is_refused_before_it_is_opened(
    one_session: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Said of a path that looks like a block device (no real disk is ever pointed at)."""
    from trustcoach import outputs

    path = one_session / "disk"
    path.write_bytes(b"")
    real_stat = os.stat

    def as_a_disk(target: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(target, *args, **kwargs)  # type: ignore[arg-type]
        if os.fspath(target) == str(path):  # type: ignore[arg-type]
            fields = list(info)
            fields[0] = stat.S_IFBLK | 0o600
            return os.stat_result(fields)
        return info

    opened: list[object] = []
    real_open = os.open
    monkeypatch.setattr(outputs.os, "stat", as_a_disk)
    monkeypatch.setattr(
        outputs.os, "open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k)
    )
    sentence = refused(run_cli(*COMMANDS["export"], str(path), "--force"))
    assert "device" in sentence and "--force" not in sentence, sentence
    assert str(path) not in map(str, opened)


def test_an_existing_file_still_needs_force(one_session: Path) -> None:
    target = one_session / "earlier.md"
    target.write_bytes(b"earlier")
    assert "--force" in refused(run_cli(*COMMANDS["export"], str(target)))
    assert target.read_bytes() == b"earlier"
    ok(run_cli(*COMMANDS["export"], str(target), "--force"))
    assert target.read_bytes() != b"earlier"


def test_share_needs_a_file(one_session: Path) -> None:
    sentence = refused(run_cli("export", "latest", "--share", "--output", "-"))
    assert "--share" in sentence, sentence
