"""``trustcoach forget ID|--all``: a session and everything derived from it gone for good, in
scripts (``--yes``); refused at a pipe without it, and for a session open elsewhere."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.answers import TEXT_QUESTIONS, counselor_answers, token
from tests.support.documents import plain_text
from tests.support.journals import journal_path, list_json
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import CopyHome, SessionsHome, home_made_once, start_unattended
from trustcoach.journal.store import JournalStore

WHEN = ["2026-03-01T10:00:00+09:00", "2026-03-09T10:00:00+09:00", "2026-03-17T10:00:00+09:00"]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> SessionsHome:
    """S1, S2 reviewing S1's commitments, S3 reviewing S2's."""
    ids: list[str] = []
    with home_made_once(tmp_path_factory, "forget") as (folder, mp):
        for number, when in enumerate(WHEN):
            reviews = {}
            if ids:
                reviews = {
                    f"{ids[-1]}/c2": {"outcome": "kept", "note": f"S{number + 1}notekeptq"},
                    f"{ids[-1]}/c3": "not_kept",
                }
            answers = counselor_answers(f"S{number + 1}")
            ids.append(start_unattended(folder, mp, when, answers, "--lang", "en", reviews=reviews))
        ok(run_cli("list"))  # the index holds every session's rows
    return SessionsHome(folder / "home", ids)


@pytest.fixture
def sessions(made: SessionsHome, copy_home: CopyHome) -> SessionsHome:
    return SessionsHome(copy_home(made.home, "2026-03-20T10:00:00+09:00"), made.ids)


def words_of(tag: str) -> list[str]:
    """What the person wrote in one session, besides the commitments."""
    return [token(tag, q) for q in TEXT_QUESTIONS] + [f"Rowan{tag}"]


def files_holding(home: Path, words: list[str]) -> dict[str, list[str]]:
    """Every file under the home that holds any of these words, with the words it holds."""
    found = {}
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            held = [word for word in words if word.encode() in data]
            if held:
                found[str(path.relative_to(home))] = held
    return found


def test_forget_one_session_leaves_nothing_of_it(sessions: SessionsHome) -> None:
    s1, s2, s3 = sessions.ids
    home = sessions.home
    commitments = ["S1commitone", "S1committwo"]
    held = files_holding(home, [*words_of("S1"), *commitments])
    assert "index.sqlite3" in held and f"journals/{s1}.toml" in held  # there to be deleted
    (home / "locks").mkdir(exist_ok=True)
    (home / "locks" / f"{s1}.lock").touch()
    temporary = home / "journals" / f".tmp-{s1}.toml.{os.getpid()}"  # a live process
    temporary.write_text("S1 half-written", "utf-8")
    copies = [home / "journals" / f"{s1}.sync-conflict-20260302-101010-ABC.toml"]
    copies.append(home / "journals" / f".syncthing.{s1}.toml.tmp")
    kept = home / "journals" / f"{s2}.sync-conflict-20260310-101010-ABC.toml"
    for copy in [*copies, kept]:
        copy.write_text(f"{token('S1', 'only_me')} as synced", "utf-8")

    out = ok(run_cli("forget", s1, "--yes"))
    assert out.strip() == "Deleted 1 session."
    assert not journal_path(home, s1).exists()
    assert not (home / "locks" / f"{s1}.lock").exists()
    assert not temporary.exists()
    assert not any(copy.exists() for copy in copies)  # the same session's words, synced
    assert kept.exists()  # another session's copy stays
    kept.unlink()
    # No word of S1 anywhere, its commitments included: S2's reviews of them lost their words
    # (test_forget_words.py).
    assert files_holding(home, [*words_of("S1"), *commitments]) == {}
    # Gone from every view: list, progress, the home screen, show.
    assert [row["id"] for row in list_json()] == [s3, s2]
    progress = json.loads(ok(run_cli("progress", "--json")))
    assert [row["id"] for row in progress["sessions"]] == [s2, s3]
    assert s1 not in ok(run_cli("progress")) + ok(run_cli())
    assert "there is no session" in refused(run_cli("show", s1))
    # S2 keeps its reviews (how each went, its note), shown to its writer; an export cannot
    # tell whether the forgotten commitments were shared, so it leaves them out.
    assert "S2notekeptq" in ok(run_cli("show", s2))
    shared = plain_text("md", ok(run_cli("export", s2, "--format", "md")))
    assert "S1commitone" not in shared and "S2notekeptq" not in shared
    assert "2 answers were left out" in shared


def test_forget_all_leaves_an_empty_home(sessions: SessionsHome) -> None:
    home = sessions.home
    out = ok(run_cli("forget", "--all", "--yes"))
    assert out.strip() == "Deleted 3 sessions."
    assert list((home / "journals").iterdir()) == []
    assert not (home / "index.sqlite3").exists()
    words = [w for tag in ("S1", "S2", "S3") for w in [*words_of(tag), f"{tag}commitone"]]
    assert files_holding(home, words) == {}
    assert "No sessions yet" in ok(run_cli("list"))
    assert ok(run_cli("forget", "--all", "--yes")).strip() == "There are no sessions to forget."


def test_forget_at_a_pipe_without_yes_refuses_and_deletes_nothing(
    sessions: SessionsHome,
) -> None:
    before = sorted(p.name for p in (sessions.home / "journals").iterdir())
    for args in (["forget", "latest"], ["forget", "--all"]):
        line = refused(run_cli(*args, input="y\n"))
        assert "--yes" in line
    assert sorted(p.name for p in (sessions.home / "journals").iterdir()) == before


@pytest.mark.parametrize("args", [["forget"], ["forget", "latest", "--all"]])
def test_forget_needs_one_session_or_all(args: list[str], sessions: SessionsHome) -> None:
    assert "--all" in refused(run_cli(*args, "--yes"))
    assert len(list((sessions.home / "journals").iterdir())) == 3


@pytest.mark.parametrize("which", ["one", "--all"])
def test_a_session_open_in_another_terminal_is_not_forgotten(
    which: str, sessions: SessionsHome
) -> None:
    other = JournalStore(sessions.home)  # another process's claim on the middle session
    other.hold(sessions.ids[1])
    try:
        args = [sessions.ids[1]] if which == "one" else ["--all"]
        line = refused(run_cli("forget", *args, "--yes"))
        assert f"session {sessions.ids[1]} is open in another terminal" in line
        assert all(journal_path(sessions.home, i).exists() for i in sessions.ids)
    finally:
        other.release_all()
    ok(run_cli("forget", sessions.ids[1], "--yes"))
    assert not journal_path(sessions.home, sessions.ids[1]).exists()


def test_an_unreadable_journal_can_be_forgotten(sessions: SessionsHome) -> None:
    path = journal_path(sessions.home, sessions.ids[0])
    path.write_text("this = is = not toml S1secretq", "utf-8")
    assert ok(run_cli("forget", sessions.ids[0], "--yes")).strip() == "Deleted 1 session."
    assert not path.exists()
    assert files_holding(sessions.home, ["S1secretq"]) == {}


def test_forget_says_its_words_in_japanese(
    sessions: SessionsHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert ok(run_cli("forget", "latest", "--yes")).strip() == "1件のセッションを削除しました。"
    assert "--yes を付けて" in refused(run_cli("forget", "latest"))


def test_the_index_keeps_no_copy_of_what_was_forgotten(
    sessions: SessionsHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many builds of SQLite leave deleted rows' bytes in the file (this machine's zeroes
    them): forget must not depend on that."""
    import sqlite3

    real = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        db = real(*args, **kwargs)  # type: ignore[arg-type]
        db.execute("PRAGMA secure_delete = OFF")
        return db

    monkeypatch.setattr(sqlite3, "connect", connect)
    index = sessions.home / "index.sqlite3"
    assert b"S1commitone" in index.read_bytes()
    ok(run_cli("forget", sessions.ids[0], "--yes"))
    assert b"S1commitone" not in index.read_bytes()
    assert [path.name for path in sessions.home.glob("index.sqlite3*")] == ["index.sqlite3"]
