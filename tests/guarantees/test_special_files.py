"""Guarantees about files that are not what they are named (issue #15, item 3).

trustcoach reads only regular files, and only up to a size cap (journals and answers files
10 MB, packs 1 MB): a named pipe, a device such as ``/dev/zero`` (also behind a symbolic link)
or a file too large gets one sentence and exit 1, or a line of ``list`` and ``doctor``, never a
hang or an exhausted memory. The commands run in their own process here, with a timeout, so
that a hang fails the test instead of stopping the run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.packs import PACK_FILES
from tests.support.runner import one_sentence_error, run_cli, run_process
from tests.support.sessions import complete_session

pytestmark = pytest.mark.usefixtures("fixed_clock")

FIFO_ID = "20261127-100000-f1f0"
DEVICE_ID = "20261128-100000-de0e"


def said(result: object) -> str:
    """What a process printed, both streams, as text."""
    out, err = result.stdout, result.stderr  # type: ignore[attr-defined]
    return (out + err).decode("utf-8", "replace") if isinstance(out, bytes) else out + err


@pytest.fixture
def odd_journals(isolated_home: Path, tmp_path: Path) -> Path:
    """A readable session, a named pipe named like a newer journal, and a symbolic link to
    ``/dev/zero`` named like the newest one."""
    journal = complete_session(isolated_home, tmp_path, EN_ANSWERS)
    os.mkfifo(journal.parent / f"{FIFO_ID}.toml", 0o600)
    (journal.parent / f"{DEVICE_ID}.toml").symlink_to("/dev/zero")
    return journal


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--json"],
        ["progress"],
        ["progress", "--json"],
        [],  # the home screen
        ["show", FIFO_ID],
        ["show", DEVICE_ID],
        ["resume", FIFO_ID],
        ["resume", DEVICE_ID],
        ["resume"],
        ["export", FIFO_ID, "--format", "json"],
        ["doctor"],
    ],
    ids=lambda args: " ".join(args) or "home",
)
def test_a_named_pipe_or_a_device_in_the_journals_folder_never_hangs(
    args: list[str], odd_journals: Path
) -> None:
    """Issue #15, item 3: a FIFO named like a journal made list, show, progress, resume and
    doctor hang; a journal linked to /dev/zero was read until MemoryError (exit 70). Now each
    command ends at once: the file is listed as unreadable, or named in one sentence."""
    result = run_process(*args, input="Kept it.\n")
    text = said(result)
    assert result.returncode in (0, 1), text
    assert "Traceback" not in text and "unexpected problem" not in text, text
    if args[:1] in (["list"], ["doctor"]) or args[1:2] in ([FIFO_ID], [DEVICE_ID]):
        assert "named pipe" in text or "is a device" in text, text
    if args == ["list", "--json"]:
        rows = {row["id"]: row for row in json.loads(result.stdout)}
        assert "named pipe (FIFO), not a regular file" in rows[FIFO_ID]["problem"]
        assert "is a device, not a regular file" in rows[DEVICE_ID]["problem"]
        assert rows[odd_journals.stem]["status"] == "complete"
    if args == ["doctor"]:
        assert "can be read by others" not in text  # a pipe's mode is not a journal's


@pytest.mark.parametrize(
    "args",
    [
        ["start", "--lang", "en", "--pack", "{fifo}"],
        ["start", "--lang", "en", "--pack", "/dev/zero"],
        ["pack", "validate", "{fifo}"],
        ["pack", "validate", "/dev/zero"],
        ["pack", "show", "{fifo}", "--lang", "en"],
        ["start", "--lang", "en", "--answers", "{fifo}"],
        ["start", "--lang", "en", "--answers", "/dev/zero"],
    ],
    ids=" ".join,
)
def test_a_pack_or_answers_file_that_is_a_pipe_or_a_device_is_one_sentence(
    args: list[str], isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 3: ``--pack fifo.toml``, ``--pack /dev/zero`` and ``pack validate
    fifo.toml`` hung (and so did ``--answers``); now each says in one sentence what the file is
    and exits 1."""
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo, 0o600)
    result = run_process(*[arg.format(fifo=fifo) for arg in args], input="")
    assert result.returncode == 1, said(result)
    sentence = one_sentence_error(result.stderr.decode())
    assert "named pipe (FIFO), not a regular file" in sentence or "is a device" in sentence


def test_a_named_pipe_among_the_packs_never_hangs(isolated_home: Path) -> None:
    """Issue #15, item 3: a FIFO in the packs folder is listed as invalid by ``pack list`` and
    named by ``doctor``; neither hangs."""
    packs = isolated_home / "packs" / "en"
    packs.mkdir(parents=True)
    os.mkfifo(packs / "piped.toml", 0o600)
    listed = run_process("pack", "list")
    assert listed.returncode == 0, said(listed)
    line = next(line for line in listed.stdout.decode().splitlines() if "piped" in line)
    assert "invalid" in line, line
    doctor = run_process("doctor")
    assert doctor.returncode == 1, said(doctor)
    assert "piped.toml: is a named pipe (FIFO)" in doctor.stdout.decode()


def test_a_journal_larger_than_the_cap_is_reported_not_read(
    isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 3: journals are read up to 10 MB (the real ones are a few kilobytes);
    a larger one, valid TOML or not, is unreadable with its size, and left as it is."""
    journal = complete_session(isolated_home, tmp_path, EN_ANSWERS)
    padding = b"# " + b"x" * 10_500_000 + b"\n"
    journal.write_bytes(journal.read_bytes() + padding)
    size = journal.stat().st_size
    rows = json.loads(run_cli("list", "--json").stdout)
    assert rows[0]["status"] == "unreadable"
    assert "is 10.5 MB, more than the 10 MB trustcoach reads" in rows[0]["problem"]
    shown = run_cli("show", "latest")
    assert shown.exit_code == 1
    assert "more than the 10 MB" in one_sentence_error(shown.stderr)
    assert journal.stat().st_size == size


def test_a_pack_larger_than_the_cap_is_refused(isolated_home: Path, tmp_path: Path) -> None:
    """Issue #15, item 3: packs are read up to 1 MB (the built-in ones are 11 to 16 KB)."""
    pack = tmp_path / "huge.toml"
    pack.write_bytes(PACK_FILES["en"].read_bytes() + b"# " + b"x" * 1_100_000 + b"\n")
    for args in (["pack", "validate", str(pack)], ["start", "--lang", "en", "--pack", str(pack)]):
        result = run_cli(*args, input="")
        assert result.exit_code == 1, result.stdout
        assert "more than the 1 MB trustcoach reads" in one_sentence_error(result.stderr)
