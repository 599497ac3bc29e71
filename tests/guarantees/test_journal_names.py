"""Guarantees about the names in the journals folder (issue #15, items 1, 7 and 8).

A session is its file: ``<id>.toml`` is read, locked and written as session ``<id>``, and a
file whose ``id`` names another session is a copy, reported with that reason by every command
and never written. Sync tools (Syncthing, Dropbox, iCloud Drive, Nextcloud, ownCloud, OneDrive)
leave conflict copies and half-synced files: ``list`` counts them, ``doctor`` names each with
what to do, nothing reads them as sessions or deletes them. Anything else in the folder is
named by ``doctor`` as ignored. Looking back never writes the index through a home that is a
symbolic link.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.support.answers import EN_ANSWERS
from tests.support.journals import read_journal, values_of
from tests.support.runner import one_sentence_error, run_cli
from tests.support.sessions import complete_session, unfinished_session

pytestmark = pytest.mark.usefixtures("fixed_clock")


def later_name(path: Path) -> Path:
    """A journal name one second after ``path``'s: the copy sorts as the newer session."""
    stamp = datetime.strptime(path.stem[:15], "%Y%m%d-%H%M%S") + timedelta(seconds=1)
    return path.with_name(f"{stamp:%Y%m%d-%H%M%S}-0000.toml")


def folder_state(folder: Path) -> dict[str, bytes | None]:
    """Every name in the folder with its bytes (None for a folder)."""
    return {p.name: p.read_bytes() if p.is_file() else None for p in sorted(folder.iterdir())}


def problem_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("problem")]


def note_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("note")]


# ---------------------------------------------------------------------------------------------
# Item 1: a journal whose id is not its file name
# ---------------------------------------------------------------------------------------------


def test_a_copy_under_another_name_never_takes_the_answers_of_its_session(
    isolated_home: Path,
) -> None:
    """Issue #15, item 1: a copy of an unfinished journal under a newer name used to be picked
    by ``resume`` and written over the original (``path_for(journal.id)``), losing what had
    been answered there since; ``list --json`` showed the id twice and ``doctor`` was silent.
    Now the copy is unreadable with the reason, ``resume`` continues the original, and the copy
    is never written."""
    original = unfinished_session(isolated_home)  # partner, self_view, self_trust
    copy = later_name(original)
    copy.write_bytes(original.read_bytes())
    assert run_cli("resume", original.stem, input="Bed by 11\n").exit_code == 130
    copied = copy.read_bytes()

    result = run_cli("resume", input="Water daily\n")  # the latest unfinished session
    assert result.exit_code == 130, result.stdout + result.stderr
    values = values_of(read_journal(original))
    assert values["self_promise_recent"] == "Bed by 11"  # the answer given before is kept
    assert values["self_promise_small"] == ["Water daily"]  # a list of one: the promise
    assert copy.read_bytes() == copied

    refused = run_cli("resume", copy.stem, input="Anything\n")
    assert refused.exit_code == 1
    sentence = one_sentence_error(refused.stderr)
    assert str(copy) in sentence and f"says it is session {original.stem}" in sentence
    assert copy.read_bytes() == copied

    rows = json.loads(run_cli("list", "--json").stdout)
    assert sorted(row["id"] for row in rows) == sorted([original.stem, copy.stem])
    by_id = {row["id"]: row for row in rows}
    assert by_id[copy.stem]["status"] == "unreadable"
    assert "not its file name" in by_id[copy.stem]["problem"]
    assert by_id[original.stem]["status"] == "in_progress"
    listed = run_cli("list").stdout.splitlines()
    number = next(n for n, line in enumerate(listed) if copy.stem in line)
    line = listed[number + 1]  # why, on the line below
    assert "unreadable" in line and original.stem in line, line

    doctor = run_cli("doctor")
    assert doctor.exit_code == 1
    (problem,) = problem_lines(doctor.stdout)
    assert str(copy) in problem and "compare it with" in problem, problem
    assert copy.read_bytes() == copied


def test_a_report_over_a_copy_skips_it_with_a_sentence(isolated_home: Path, tmp_path: Path) -> None:
    """Issue #15, item 1: a report over a period holding a copy of a session used to fail;
    now it is written from the readable sessions, and stderr says one file was left out."""
    journal = complete_session(isolated_home, tmp_path, EN_ANSWERS)
    copy = later_name(journal)
    copy.write_bytes(journal.read_bytes())
    result = run_cli("export", "--since", "2026-11-01", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "Call at 7pm" in result.stdout  # the session's commitment is in the report
    assert "1 journal file from this period cannot be read" in result.stderr
    assert "trustcoach doctor" in result.stderr


# ---------------------------------------------------------------------------------------------
# Item 8: what sync tools leave in the journals folder
# ---------------------------------------------------------------------------------------------

COPIES = {  # the name each tool gives the losing version of <id>.toml, and the tool's name
    "{id}.sync-conflict-20261127-101010-ABCDEF1.toml": "Syncthing",
    "{id} (Someone's conflicted copy 2026-11-27).toml": "Dropbox",
    "{id} (conflicted copy 2026-11-27 101010).toml": "Nextcloud",
    "{id}_conflict-20261127-101010.toml": "ownCloud",
    "{id} 2.toml": "iCloud Drive",
    "{id}-LAPTOP-7Q2.toml": "OneDrive",
}
PARTIAL = {  # the temporary or placeholder each tool keeps while a file is on its way
    ".syncthing.{id}.toml.tmp": "Syncthing",
    "~syncthing~{id}.toml.tmp": "Syncthing",
    ".{id}.toml.icloud": "iCloud Drive",
    ".{id}.toml.~3f2a9c": "Nextcloud",
}


def test_sync_leftovers_are_counted_by_list_named_by_doctor_and_never_touched(
    isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 8: conflict copies and half-synced files used to be ignored silently.
    Now ``list`` says how many there are, ``doctor`` names each with the tool and what to do
    (compare, keep one; a half-synced file is a note), and none is read, changed or deleted."""
    journal = complete_session(isolated_home, tmp_path, EN_ANSWERS)
    session = journal.stem
    folder = journal.parent
    lost = "20261101-090000-0b0b"  # a session whose journal is only here as a copy
    for name in COPIES:
        (folder / name.format(id=session)).write_bytes(journal.read_bytes())
    (folder / f"{lost}.sync-conflict-20261127-101010-ABCDEF1.toml").write_bytes(b"x = 1\n")
    for name in PARTIAL:
        (folder / name.format(id=session)).write_bytes(b"")
    before = folder_state(folder)
    count = len(COPIES) + 1 + len(PARTIAL)

    listed = run_cli("list")
    assert listed.exit_code == 0, listed.stderr
    assert f"{count} files in the journals folder were left by a sync tool" in listed.stdout
    assert "trustcoach doctor" in listed.stdout
    as_json = run_cli("list", "--json")
    assert [row["id"] for row in json.loads(as_json.stdout)] == [session]
    assert f"{count} files in the journals folder were left by a sync tool" in as_json.stderr
    assert run_cli("show", "latest").exit_code == 0

    doctor = run_cli("doctor")
    assert doctor.exit_code == 1
    problems, notes = problem_lines(doctor.stdout), note_lines(doctor.stdout)
    for name, tool in COPIES.items():
        line = next(line for line in problems if name.format(id=session) in line)
        assert f"copy of session {session} that {tool} kept" in line, line
        assert f"compare it with {journal}" in line and "never deletes" in line, line
    alone = next(line for line in problems if lost in line)
    assert f"{lost}.toml is missing; rename the copy" in alone, alone
    for name, tool in PARTIAL.items():
        line = next(line for line in notes if name.format(id=session) in line)
        assert f"that {tool} has not finished bringing to this computer" in line, line
    assert f"{len(COPIES) + 1} problems found." in doctor.stdout
    assert not [line for line in doctor.stdout.splitlines() if "unreadable" in line]
    assert folder_state(folder) == before


# ---------------------------------------------------------------------------------------------
# Item 7: files that are not journals; a symlinked home
# ---------------------------------------------------------------------------------------------


def test_doctor_names_what_in_the_journals_folder_is_not_a_journal(
    isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 7: files in ``journals/`` that are not journals (other names, other
    extensions, folders) used to be ignored without a word; doctor now names each, as a note
    that changes nothing and is not a problem."""
    journal = complete_session(isolated_home, tmp_path, EN_ANSWERS)
    folder = journal.parent
    (folder / "notes.txt").write_text("my own notes", "utf-8")
    (folder / "draft.toml").write_text('title = "x"\n', "utf-8")
    (folder / f"{journal.name}.bak").write_bytes(journal.read_bytes())
    (folder / "old").mkdir()
    before = folder_state(folder)
    doctor = run_cli("doctor")
    assert doctor.exit_code == 0, doctor.stdout
    notes = note_lines(doctor.stdout)
    for name in ("notes.txt", "draft.toml", f"{journal.name}.bak", "old"):
        line = next(line for line in notes if str(folder / name) in line)
        assert line.endswith("is not a journal; trustcoach ignores it"), line
    assert "Everything looks fine." in doctor.stdout
    assert folder_state(folder) == before


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["progress"], []], ids=str)
def test_looking_back_never_writes_the_index_through_a_symlinked_home(
    args: list[str], isolated_home: Path, tmp_path: Path
) -> None:
    """Issue #15, item 7: ``start`` refuses to write through a home that is a symbolic link,
    but ``list`` used to write the index there. Reading through it is fine; writing is not."""
    journal = complete_session(isolated_home, tmp_path, EN_ANSWERS)
    real = tmp_path / "real-home"
    isolated_home.rename(real)
    (real / "index.sqlite3").unlink(missing_ok=True)
    isolated_home.symlink_to(real, target_is_directory=True)
    before = folder_state(real)
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    assert journal.stem in result.stdout or "2026-11-26" in result.stdout
    assert not (real / "index.sqlite3").exists()
    assert folder_state(real) == before
