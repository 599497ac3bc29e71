"""Journals of version 1 read as version 2: the labels of their choices taken from what they
showed, only where that tells them, and saved as version 2 (also sealed, in a locked home);
and the labels of version 2 checked against the values."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.checkout import REPO
from tests.support.runner import ok, run_cli
from tests.support.strategies import exact
from trustcoach.errors import JournalError
from trustcoach.journal.encoding import JournalWriter
from trustcoach.journal.model import SCHEMA_VERSION, journal_from_data, parse_journal
from trustcoach.journal.store import JournalStore
from trustcoach.lock.vault import Vault

MOMENT = datetime.fromisoformat("2026-11-26T10:00:00+09:00")


def journal_data(version: int, lang: str, *answers: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": version,
        "id": "20261126-100000-abcd",
        "pack": "trust-repair",
        "pack_version": "1.0.0",
        "lang": lang,
        "status": "complete",
        "started_at": MOMENT,
        "updated_at": MOMENT,
        "answers": [
            {"step": "s", "question": f"q{n}", "prompt": "?", "answered_at": MOMENT, **answer}
            for n, answer in enumerate(answers)
        ],
    }


def choice(value: str, shown: str, **more: Any) -> dict[str, Any]:
    return {"kind": "choice", "value": value, "shown": shown, **more}


def multi(values: list[str], shown: str, **more: Any) -> dict[str, Any]:
    return {"kind": "multi", "value": values, "shown": shown, **more}


@pytest.mark.parametrize(
    ("lang", "answer", "labels"),
    [
        ("en", choice("partly", "Partly, at times"), ["Partly, at times"]),
        ("en", multi(["a", "b"], "Messages, Gifts"), ["Messages", "Gifts"]),
        ("ja", multi(["a", "b"], "手紙を送る、謝る"), ["手紙を送る", "謝る"]),
        ("en", multi(["a"], "Gifts, flowers"), []),  # a label that holds the separator
        ("ja", multi(["a", "b"], "謝る。手紙を送る"), []),  # a label that ends a sentence
        ("en", multi([], ""), []),
        ("en", choice("partly", ""), []),  # written before answers kept what they showed
        ("en", choice("", "", skipped=True), []),
        ("en", {"kind": "confirm", "value": True, "shown": "Yes"}, []),
    ],
    ids=[
        "choice",
        "multi",
        "multi-ja",
        "separator-in-label",
        "sentence-end",
        "none-chosen",
        "not-shown",
        "skipped",
        "confirm",
    ],
)
def test_a_version_1_answer_reads_with_the_labels_its_shown_value_tells(
    lang: str, answer: dict[str, Any], labels: list[str]
) -> None:
    journal = journal_from_data(journal_data(1, lang, answer))
    assert journal.schema_version == SCHEMA_VERSION == 2
    assert journal.answers[0].labels == labels
    assert journal.answers[0].shown == answer["shown"]
    again = parse_journal(JournalWriter().encode(journal))
    assert again.schema_version == 2 and again.answers == journal.answers


def test_a_version_1_answer_with_labels_is_refused_as_a_key_of_a_later_version() -> None:
    data = journal_data(1, "en", choice("a", "A"), choice("b", "B", labels=["B"]))
    with pytest.raises(JournalError) as refused:
        journal_from_data(data)
    assert str(refused.value) == "is not a valid journal: answers[1].labels: unknown key"


@pytest.mark.parametrize(
    "answer",
    [
        choice("a", "A", labels=["A", "B"]),
        multi(["a", "b"], "A, B", labels=["A"]),
        multi(["a"], "A", labels=["A", "B"]),
        {"kind": "text", "value": "words", "labels": ["words"]},
        choice("", "", skipped=True, labels=["A"]),
    ],
    ids=["choice-two", "multi-fewer", "multi-more", "text", "skipped"],
)
def test_labels_that_do_not_name_the_chosen_values_are_refused_with_their_place(
    answer: dict[str, Any],
) -> None:
    with pytest.raises(JournalError) as refused:
        journal_from_data(journal_data(2, "en", choice("a", "A", labels=["A"]), answer))
    assert str(refused.value) == (
        "is not a valid journal: answers[1].labels: "
        "labels name the chosen values of a choice, one label for each value"
    )


def test_labels_of_version_2_are_read_as_written() -> None:
    answer = multi(["a", "b"], "A, B", labels=["A, with a comma", "B."])
    journal = journal_from_data(journal_data(2, "en", answer))
    assert journal.answers[0].labels == ["A, with a comma", "B."]


@pytest.mark.parametrize("version", [0, "2", None])
def test_a_version_this_trustcoach_does_not_read_is_named(version: object) -> None:
    data = journal_data(1, "ja", choice("a", "A"))
    data["schema_version"] = version
    with pytest.raises(JournalError) as refused:
        journal_from_data(data)
    assert refused.value.message.key == "journal_old_schema"
    assert "reads versions 1 to 2" in str(refused.value)


@pytest.mark.parametrize("locked", [False, True], ids=["plain", "locked"])
def test_a_journal_of_version_1_is_saved_as_version_2_with_its_values(
    locked: bool, isolated_home: Path, request: pytest.FixtureRequest
) -> None:
    """As when a session of version 1 is resumed: the store writes what it read in the
    current version, labels included, and reads the same values back."""
    kept = REPO / "tests" / "data" / "journals-279af0b" / "20261129-220000-eb18.toml"
    folder = isolated_home / "journals"
    folder.mkdir(parents=True)
    shutil.copy(kept, folder / kept.name)
    (folder / kept.name).write_text(
        kept.read_text("utf-8").replace("[[reviews]]", MULTI_V1 + "[[reviews]]", 1), "utf-8"
    )
    vault = Vault(isolated_home)
    if locked:
        passphrase = request.getfixturevalue("passphrase")
        ok(run_cli("lock"))
        vault = Vault(isolated_home, ask=lambda attempt: passphrase)
    store = JournalStore(isolated_home, vault)
    journal = store.load(kept.stem)
    assert journal.answers[-1].labels == ["手紙を送る", "謝る"]
    store.save(journal)
    raw = store.read_bytes(store.path_for(kept.stem))
    store.release_all()
    assert raw.startswith(b"schema_version = 2\n") and b"\nlabels = [\n" in raw
    on_disk = (folder / kept.name).read_bytes()
    assert on_disk.startswith(b"\x89TCL") if locked else on_disk == raw
    assert exact(parse_journal(raw)) == exact(journal)


MULTI_V1 = """[[answers]]
step = "myth-words"
question = "gestures"
kind = "multi"
prompt = "どれを試しましたか。"
value = ["messages", "apology"]
answered_at = 2026-11-29 22:00:00+00:00
skipped = false
step_title = "思い込み2"
label = "働きかけ"
shown = "手紙を送る、謝る"
share = true
template = ""

"""
