"""A session read for export once: its pack looked up only when the journal needs it, once
for everything the export asks (the document, the names a client may give, the counselor),
and the source saying whether it was found, or why not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.checkout import REPO
from tests.support.runner import ok, run_cli
from trustcoach.export.assemble import own_document
from trustcoach.export.selection import Selection, kept
from trustcoach.export.source import PackFound, PackGone, PackNotNeeded, SessionSource
from trustcoach.journal.model import Journal, parse_journal
from trustcoach.packs import loading

KEPT = REPO / "tests" / "data" / "journals-279af0b" / "20261112-213000-f240.toml"
DESCRIBED = ("step_title", "label", "shown", "template", "share")


def older_text(**head: str) -> str:
    """The kept English journal as written before answers described themselves (no step
    titles, shown values, labels or templates): it needs its pack to be read."""
    text = KEPT.read_text("utf-8")
    text = re.sub(rf"^({'|'.join(DESCRIBED)}) = .*\n", "", text, flags=re.MULTILINE)
    for key, value in head.items():
        text = re.sub(rf'^{key} = ".*"$', f'{key} = "{value}"', text, count=1, flags=re.M)
    return text


def older_journal(**head: str) -> Journal:
    return parse_journal(older_text(**head).encode())


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The packs looked up, by id, as the store of every session pack does it."""
    found: list[str] = []
    real = loading.find_session_pack

    def counted(pack_id: str, *args: Any) -> Any:
        found.append(pack_id)
        return real(pack_id, *args)

    monkeypatch.setattr(loading, "find_session_pack", counted)
    return found


def test_a_journal_that_reads_on_its_own_has_its_pack_not_looked_up(
    lookups: list[str], tmp_path: Path
) -> None:
    journal = parse_journal(KEPT.read_bytes())
    source = SessionSource.read(journal, tmp_path)
    assert source.pack == PackNotNeeded()
    own_document(source)
    kept(source, Selection(exclude=("gestures",)))
    assert source.counselor is None  # read from the pack file's counselor table alone
    assert lookups == []


def test_an_older_journal_finds_its_pack_once_for_all_that_export_asks(
    lookups: list[str], tmp_path: Path
) -> None:
    source = SessionSource.read(older_journal(), tmp_path)
    assert isinstance(source.pack, PackFound) and source.pack.pack.id == "trust-repair"
    document = own_document(source)
    kept(source, Selection(only=("myth-never",)))
    assert "commitments" in source.pack_names() and source.counselor is None
    assert lookups == ["trust-repair"]
    # what the journal does not keep, its pack says: the step's title
    assert document.sections[0].title == source.pack.pack.steps[0].title == "You and your own word"


def test_the_names_of_a_pack_not_needed_are_read_once_when_asked(
    lookups: list[str], tmp_path: Path
) -> None:
    source = SessionSource.read(parse_journal(KEPT.read_bytes()), tmp_path)
    assert {"self", "partner", "commitments"} <= source.pack_names()
    assert source.pack_names() is source.pack_names()
    assert lookups == ["trust-repair"]
    assert source.pack == PackNotNeeded()  # the document still reads the journal alone


def test_a_pack_that_is_gone_says_why(tmp_path: Path) -> None:
    assert SessionSource.read(older_journal(pack="gone-pack"), tmp_path).pack == PackGone("absent")
    path = tmp_path / "mine.toml"
    by_path = older_journal(pack_source=str(path))
    assert SessionSource.read(by_path, tmp_path).pack == PackGone("absent")
    for text in ("id = [", (REPO / "prompts" / "en" / "trust-repair.toml").read_text("utf-8")):
        path.write_text(text.replace('id = "trust-repair"', 'id = "other"'), "utf-8")
        assert SessionSource.read(by_path, tmp_path).pack == PackGone("changed")
    shutil.copy(REPO / "prompts" / "en" / "trust-repair.toml", path)
    assert isinstance(SessionSource.read(by_path, tmp_path).pack, PackFound)


def test_an_export_of_an_older_journal_looks_its_pack_up_once(
    lookups: list[str], isolated_home: Path
) -> None:
    folder = isolated_home / "journals"
    folder.mkdir(parents=True)
    (folder / KEPT.name).write_text(older_text(), "utf-8")
    for fmt in ("md", "json", "html", "fhir"):
        lookups.clear()
        ok(run_cli("export", "latest", "--format", fmt, "--only", "self,myth-never"))
        assert lookups == ["trust-repair"], fmt
