"""What an interrupted write leaves, and a key file that is not where it seems (issue #25,
items 2 and 3): every leftover ``.tmp-*`` of the home (its root: a key file's or the sealed
index's; ``journals/``; ``checkins/``) is named by ``doctor``, removed by the next command that
writes to the home, and overwritten before it is removed by ``forget``; a ``lock.toml`` that is
a symbolic link is refused by every command, ``forget --all`` included, with nothing deleted;
``forget`` says only what it did."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.crashes import dead_pid
from tests.support.journals import journal_paths
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import complete_session

pytestmark = pytest.mark.usefixtures("fixed_clock")


@pytest.fixture
def locked_home(isolated_home: Path, tmp_path: Path, passphrase: str) -> Path:
    """A locked home with two sessions, a day of check-ins and its sealed index."""
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    complete_session(isolated_home, tmp_path, EN_ANSWERS)
    ok(run_cli("lock"))
    ok(run_cli("checkin", input="y\n" * 6))
    ok(run_cli("list"))
    return isolated_home


def leftovers(home: Path) -> list[Path]:
    """A leftover of an interrupted write in each place of the home, each a copy of what it was
    meant to replace (a key file's holds a key: the old one opens the home with the old words
    still in it)."""
    pid = dead_pid()
    day = next((home / "checkins").glob("*.toml"))
    journal = journal_paths(home)[0]
    made = [
        (home / "lock.toml", home / f".tmp-lock.toml.{pid}"),
        (home / "index.locked", home / f".tmp-index.locked.{pid}"),
        (journal, journal.parent / f".tmp-{journal.name}.{pid}"),
        (day, day.parent / f".tmp-{day.name}.{pid}"),
    ]
    for original, leftover in made:
        shutil.copyfile(original, leftover)
    return [leftover for _, leftover in made]


def held(paths: list[Path]) -> dict[Path, tuple[int, bytes]]:
    """Each file open for reading, with its bytes: what is left in its blocks can be read
    through the descriptor after the name is gone."""
    return {path: (os.open(path, os.O_RDONLY), path.read_bytes()) for path in paths}


def assert_overwritten(opened: dict[Path, tuple[int, bytes]]) -> None:
    for path, (fd, data) in opened.items():
        try:
            assert os.pread(fd, len(data), 0) != data, f"{path} was removed but not overwritten"
        finally:
            os.close(fd)
        assert not os.path.lexists(path), path


def test_doctor_names_every_leftover_and_forget_overwrites_them(locked_home: Path) -> None:
    made = leftovers(locked_home)
    said = run_cli("doctor")
    assert said.exit_code == 1
    for path in made:
        line = next((line for line in said.stdout.splitlines() if str(path) in line), "")
        assert line.startswith("problem"), (path, said.stdout)
    opened = held(made)
    session = journal_paths(locked_home)[-1].stem
    ok(run_cli("forget", session, "--yes"))
    assert_overwritten(opened)
    assert list(locked_home.rglob(".tmp-*")) == []


def test_forget_all_overwrites_every_leftover_a_key_files_first(locked_home: Path) -> None:
    made = leftovers(locked_home)
    opened = held(made)
    out = ok(run_cli("forget", "--all", "--yes"))
    assert "key was destroyed" in out
    assert_overwritten(opened)


def test_the_next_command_that_writes_removes_what_a_crash_left(locked_home: Path) -> None:
    made = leftovers(locked_home)
    opened = held(made)
    result = run_cli("start", "--lang", "en", input="2\nn\nSam\n")
    assert result.exit_code == 130, result.stdout + result.stderr
    assert_overwritten(opened)


def test_a_leftover_of_a_live_process_is_left_alone(locked_home: Path) -> None:
    live = locked_home / f".tmp-index.locked.{os.getppid()}"  # alive: this one's parent
    live.write_bytes(b"being written")
    ok(run_cli("forget", journal_paths(locked_home)[0].stem, "--yes"))
    assert live.read_bytes() == b"being written"


def test_a_leftover_linked_to_a_journal_is_removed_not_overwritten(locked_home: Path) -> None:
    """A save creating a journal links its temporary file to the journal's name, then removes
    the temporary name: killed between the two, both names are one file."""
    journal = journal_paths(locked_home)[0]
    data = journal.read_bytes()
    leftover = journal.parent / f".tmp-{journal.name}.{dead_pid()}"
    os.link(journal, leftover)
    ok(run_cli("forget", journal_paths(locked_home)[1].stem, "--yes"))
    assert not leftover.exists()
    assert journal.read_bytes() == data


# ---------------------------------------------------------------------------------------------
# A key file that is a symbolic link
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def linked_key_file(locked_home: Path, tmp_path: Path) -> Path:
    """lock.toml moved elsewhere, and a symbolic link to it in its place; the file."""
    target = tmp_path / "elsewhere" / "lock.toml"
    target.parent.mkdir()
    shutil.move(locked_home / "lock.toml", target)
    (locked_home / "lock.toml").symlink_to(target)
    return target


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "latest"], ["lock"], ["lock", "--change"], ["unlock"], ["start"]],
    ids=" ".join,
)
def test_a_key_file_that_is_a_link_is_refused_in_one_sentence(
    args: list[str], linked_key_file: Path, locked_home: Path
) -> None:
    target_bytes = linked_key_file.read_bytes()
    sentence = refused(run_cli(*args))
    assert str(locked_home / "lock.toml") in sentence and "link" in sentence, sentence
    assert linked_key_file.read_bytes() == target_bytes


def test_forget_all_refuses_a_key_file_that_is_a_link_and_deletes_nothing(
    linked_key_file: Path, locked_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRUSTCOACH_PASSPHRASE_FILE")
    journals = {path: path.read_bytes() for path in journal_paths(locked_home)}
    target_bytes = linked_key_file.read_bytes()
    sentence = refused(run_cli("forget", "--all", "--yes"))
    assert "link" in sentence and "destroyed" not in sentence, sentence
    assert {path: path.read_bytes() for path in journal_paths(locked_home)} == journals
    assert linked_key_file.read_bytes() == target_bytes
    assert (locked_home / "lock.toml").is_symlink()


def test_doctor_names_a_key_file_that_is_a_link(linked_key_file: Path, locked_home: Path) -> None:
    said = run_cli("doctor")
    assert said.exit_code == 1
    line = next(line for line in said.stdout.splitlines() if "lock.toml" in line)
    assert line.startswith("problem") and "link" in line, line
