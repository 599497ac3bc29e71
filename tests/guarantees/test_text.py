"""Guarantees about the text a person typed: it is shown as typed everywhere it is shown
(promise 7), and every value of a journal round-trips exactly through the store (promise 8).

Lone surrogates: the store does not accept them (tomli-w writes them, then UTF-8 encoding
fails), and it does not have to, because text is cleaned right after it is read
(``text.clean_input``: every path from the keyboard, a pipe or an answers file goes through
``answers.parse_input`` / ``coerce_value``, the commitment rewrite and the review note). So the
round-trip property uses text without surrogates, a second property checks that cleaning makes
any text storable, and a third that a journal holding one anyway leaves the file on disk whole.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import msgspec
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.clocks import NOW
from tests.support.journals import journal_paths
from tests.support.runner import run_cli, run_process
from tests.support.strategies import ANSWERS, JOURNALS, SPECIALS, exact
from trustcoach.journal.model import SCHEMA_VERSION, Answer, Commitment, Journal, Review
from trustcoach.journal.store import JournalStore
from trustcoach.packs.model import Question
from trustcoach.session.answers import parse_input
from trustcoach.text import clean_input, visible

pytestmark = pytest.mark.usefixtures("fixed_clock")


# ---------------------------------------------------------------------------------------------
# Promise 7: what the user typed is shown as typed
# ---------------------------------------------------------------------------------------------

# (typed, as it must appear on a screen or in a document: control characters made visible)
NASTY = {
    "markup": ("[bold]x[/bold]", "[bold]x[/bold]"),
    "close-tag": ("a [/] b", "a [/] b"),
    "link": ("[link=http://x]y[/link]", "[link=http://x]y[/link]"),
    "backslashes": ("C:\\dir\\ \\n \\\\x", "C:\\dir\\ \\n \\\\x"),
    "emoji-code": (":smile:", ":smile:"),
    "colour": ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    "title": ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
    "c1-csi": ("\x9b31mred", "\\x9b31mred"),
    "html": ("<b>x</b> & <script>alert(1)</script>", "<b>x</b> & <script>alert(1)</script>"),
    "markdown": ("**not bold** _x_ `code` # no", "**not bold** _x_ `code` # no"),
}
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def nasty_answers() -> dict[str, Any]:
    typed = {name: value for name, (value, _) in NASTY.items()}
    return {
        "partner": typed["markup"] + typed["colour"],
        "self_view": " ".join(typed.values()),
        "self_trust": 6,
        "self_promise_recent": typed["title"] + " " + typed["link"],
        "self_promise_small": typed["emoji-code"] + " " + typed["backslashes"],
        "never_belief_start": 60,
        "never_belief_end": 40,
        "partner_trust": 3,
        "one_point_action": typed["html"],
        "words_belief_start": 80,
        "words_belief_end": 50,
        "gestures": ["messages"],
        "gestures_landing": typed["close-tag"] + " " + typed["c1-csi"],
        "costly_actions": typed["markdown"],
        "showing_action": "Being home",
        "others_belief_start": 20,
        "others_belief_end": 10,
        "asked_others": False,
        "only_me": "Keep my word",
        "commitments": [
            "Walk " + typed["markup"] + " " + typed["colour"],
            typed["link"] + " " + typed["title"] + " " + typed["emoji-code"],
        ],
        "commitment_confidence": 8,
    }


@pytest.fixture
def nasty_session(isolated_home: Path, tmp_path: Path) -> Path:
    answers = tmp_path / "answers.toml"
    answers.write_text(tomli_w.dumps({"answers": nasty_answers()}), "utf-8")
    result = run_cli("start", "--lang", "en", "--answers", str(answers))
    assert result.exit_code == 0, result.stdout + result.stderr
    (path,) = journal_paths(isolated_home)
    return path


def assert_shown_as_typed(text: str, where: str, names: list[str] | None = None) -> None:
    assert not RAW_CONTROL.search(text), f"{where}: raw control character {text!r}"
    assert "😄" not in text, where
    for name in names or list(NASTY):
        shown = NASTY[name][1]
        assert shown in text, f"{where}: {name} not shown as typed ({shown!r})"


def test_show_list_and_home_screen_show_answers_as_typed(nasty_session: Path) -> None:
    shown = run_cli("show", "latest")
    assert shown.exit_code == 0, shown.stderr
    assert_shown_as_typed(shown.stdout, "show")
    home = run_cli()  # the home screen lists open commitments
    assert home.exit_code == 0, home.stderr
    assert_shown_as_typed(home.stdout, "home screen", ["markup", "colour", "link", "title"])
    for args in (["list"], ["list", "--json"], ["progress"]):
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert not RAW_CONTROL.search(result.stdout), args


def rendered_markdown(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "br":
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def page_of(document: str) -> _Page:
    page = _Page()
    page.feed(document)
    return page


# tags that answers could smuggle in; the documents' own markup uses none of them
USER_TAGS = {"a", "b", "i", "u", "em", "code", "img", "script"}


@pytest.mark.parametrize("scope", ["session", "report"])
def test_exports_show_answers_as_typed(nasty_session: Path, scope: str) -> None:
    which = ["latest"] if scope == "session" else ["--since", "2026-01-01"]

    markdown = run_cli("export", *which, "--format", "md")
    assert markdown.exit_code == 0, markdown.stderr
    assert not RAW_CONTROL.search(markdown.stdout)
    page = page_of(rendered_markdown(markdown.stdout))
    assert_shown_as_typed("".join(page.text).replace("\n", " "), f"{scope} markdown as rendered")
    assert not page.tags & USER_TAGS, page.tags  # no link, bold or script made from answers

    document = run_cli("export", *which, "--format", "html")
    assert document.exit_code == 0, document.stderr
    assert not RAW_CONTROL.search(document.stdout)
    page = page_of(document.stdout)
    assert not page.tags & USER_TAGS, page.tags
    assert_shown_as_typed("".join(page.text).replace("\n", " "), f"{scope} html as displayed")

    if scope == "report":
        return  # a report is written as md or html only
    data = run_cli("export", *which, "--format", "json")
    assert data.exit_code == 0, data.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", data.stdout), "raw C0 control in JSON"
    text_values = json.dumps(json.loads(data.stdout), ensure_ascii=False)
    for name, (typed, _) in NASTY.items():  # the data itself is exact
        assert json.dumps(typed, ensure_ascii=False)[1:-1] in text_values, name


def test_session_screen_shows_answers_as_typed_when_piped(isolated_home: Path) -> None:
    partner = NASTY["markup"][0] + NASTY["colour"][0] + NASTY["title"][0]
    typed = f"{partner}\nI try.\n6\nx\ny daily\n\n\n50\n"  # the promise: its days, due
    result = run_cli("start", "--lang", "en", input=typed)
    assert result.exit_code == 130, result.stdout + result.stderr
    assert_shown_as_typed(result.stdout, "session screen", ["markup", "colour", "title"])
    # the partner's name appears inside later questions, literally
    screen = re.sub(r"\s+", " ", result.stdout)
    assert f"how much do you think {visible(partner)} trusts you" in screen


@pytest.mark.slow
def test_bytes_that_are_not_utf8_are_saved_as_readable_text(isolated_home: Path) -> None:
    data = b"caf\xe9\n\xff\xfe broken \xc3\n6\n"
    process = run_process("start", "--lang", "en", input=data, env={"TRUSTCOACH_NOW": NOW})
    assert process.returncode == 130, process.stderr.decode()
    assert b"Traceback" not in process.stderr
    (path,) = journal_paths(isolated_home)
    store = JournalStore(isolated_home)
    journal = store.load(path.stem)
    assert journal.values() == {
        "partner": "caf\ufffd",
        "self_view": "\ufffd\ufffd broken \ufffd",
        "self_trust": 6,
    }
    shown = run_cli("show", path.stem)
    assert "caf\ufffd" in shown.stdout


def test_ratings_out_of_range_are_refused(isolated_home: Path, tmp_path: Path) -> None:
    tries = ["0", "11", "-1", "99999", "7.5", "1e1", "١٠٠", "+", "10"]
    result = run_cli("start", "--lang", "en", input="Sam\nI try.\n" + "\n".join(tries) + "\n")
    assert result.exit_code == 130
    assert result.stdout.count("Please type a whole number from 1 to 10.") == len(tries) - 1
    journal = JournalStore(isolated_home).load(journal_paths(isolated_home)[0].stem)
    assert journal.values()["self_trust"] == 10

    for bad in (0, 11, -5, 2**40, True, "11", 6.5):
        answers = tmp_path / "answers.toml"
        values = dict(nasty_answers(), self_trust=bad)
        answers.write_text(tomli_w.dumps({"answers": values}), "utf-8")
        refused = run_cli("start", "--lang", "en", "--answers", str(answers))
        assert refused.exit_code == 1, (bad, refused.stdout)
        assert "answers.self_trust" in refused.stderr, bad
    assert len(journal_paths(isolated_home)) == 1


# ---------------------------------------------------------------------------------------------
# Promise 8: every value round-trips (JOURNALS and ANSWERS: support/strategies.py generates them
# from the journal model's own fields)
# ---------------------------------------------------------------------------------------------

ROUND_TRIP = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@ROUND_TRIP
@given(journal=JOURNALS, more=st.lists(ANSWERS, max_size=3))
def test_every_value_round_trips_through_the_store(journal: Journal, more: list[Answer]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = JournalStore(Path(folder))
        try:
            created = store.create(journal)
            assert exact(store.load(created.id)) == exact(created)
            # the session appends answers and saves again: the file holds the new state exactly
            created.answers.extend(more)
            created.status = "complete"
            store.save(created)
            assert exact(store.load(created.id)) == exact(created)
        finally:
            store.release_all()


def test_very_long_values_round_trip(isolated_home: Path) -> None:
    """Answers as long as a pack allows (20,000 characters), made of every awkward character."""
    long_text = ("".join(SPECIALS) * 400)[:20_000]
    moment = datetime(2026, 11, 26, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=9)))
    journal = Journal(
        schema_version=SCHEMA_VERSION,
        id="20261126-100000-abcd",
        pack="p",
        pack_version=long_text,
        lang="ja",
        status="complete",
        started_at=moment,
        updated_at=moment,
        finished_at=moment,
        review_plan=[long_text],
        answers=[
            Answer(
                step=long_text,
                question=long_text,
                kind="list",
                prompt=long_text,
                value=[long_text, long_text],
                answered_at=moment,
            ),
            Answer(
                step="s",
                question="q",
                kind="text",
                prompt="?",
                value=long_text,
                answered_at=moment,
                shown=long_text,
                template=long_text,
            ),
        ],
        commitments=[Commitment(id="c1", question="q", text=long_text, due=date(2026, 12, 3))],
        reviews=[
            Review(
                session="20261119-100000-abcd",
                commitment="c1",
                text=long_text,
                outcome="partly",
                note=long_text,
                reviewed_at=moment,
            )
        ],
    )
    store = JournalStore(isolated_home)
    store.create(journal)
    store.release_all()
    assert exact(store.load(journal.id)) == exact(journal)


SURROGATE_TEXT = st.text(alphabet=st.characters(categories=["Cs", "Ll", "Lo", "Cc", "Zs"]))


@settings(max_examples=200, deadline=None)
@given(
    raw=st.one_of(SURROGATE_TEXT, st.binary().map(lambda b: b.decode("utf-8", "surrogateescape")))
)
def test_cleaned_input_is_always_storable(raw: str) -> None:
    cleaned = clean_input(raw)
    assert not re.search(r"[\ud800-\udfff]", cleaned)
    cleaned.encode("utf-8")
    if not re.search(r"[\ud800-\udfff]", raw):
        assert cleaned == raw  # text that is already clean is kept exactly
    question = Question(id="q", kind="text", prompt="?", required=False)
    value = parse_input(question, raw)
    if value is None:
        return
    journal = Journal(
        schema_version=SCHEMA_VERSION,
        id="20261126-100000-abcd",
        pack="p",
        pack_version="1",
        lang="en",
        status="in_progress",
        started_at=datetime(2026, 11, 26),
        updated_at=datetime(2026, 11, 26),
        answers=[
            Answer(
                step="s",
                question="q",
                kind="text",
                prompt="?",
                value=value,
                answered_at=datetime(2026, 11, 26),
            )
        ],
    )
    with tempfile.TemporaryDirectory() as folder:
        store = JournalStore(Path(folder))
        try:
            store.create(journal)
            assert store.load(journal.id).answers[0].value == value
        finally:
            store.release_all()


def test_bytes_decoded_with_surrogateescape_become_replacement_characters() -> None:
    for raw in (b"caf\xe9", b"\xff\xfe", b"\xe3\x81", b"ok \xe2\x82\xac", b"\xed\xa0\x80"):
        assert clean_input(raw.decode("utf-8", "surrogateescape")) == raw.decode("utf-8", "replace")


def test_a_journal_holding_a_lone_surrogate_never_damages_the_file(isolated_home: Path) -> None:
    store = JournalStore(isolated_home)
    journal = Journal(
        schema_version=SCHEMA_VERSION,
        id="20261126-100000-abcd",
        pack="p",
        pack_version="1",
        lang="en",
        status="in_progress",
        started_at=datetime(2026, 11, 26),
        updated_at=datetime(2026, 11, 26),
    )
    store.create(journal)
    path = store.path_for(journal.id)
    before = path.read_bytes()
    journal.answers.append(
        Answer(
            step="s",
            question="q",
            kind="text",
            prompt="?",
            value="caf\udce9",
            answered_at=datetime(2026, 11, 26),
        )
    )
    with pytest.raises(Exception):  # noqa: B017 - any error, as long as the file is whole
        store.save(journal)
    store.release_all()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


@pytest.mark.parametrize("change", ["int-to-bool", "same-instant-other-offset"])
def test_saving_after_changing_an_answer_writes_the_new_value(
    change: str, isolated_home: Path
) -> None:
    """A save writes an answer put in place of another even when the two compare equal in
    Python (1 == True; the same instant at two offsets): nothing stale is written."""
    store = JournalStore(isolated_home)
    tokyo = timezone(timedelta(hours=9))
    answer = Answer(
        step="s",
        question="q",
        kind="confirm",
        prompt="?",
        value=1 if change == "int-to-bool" else True,
        answered_at=datetime(2026, 11, 26, 10, tzinfo=tokyo),
    )
    journal = Journal(
        schema_version=SCHEMA_VERSION,
        id="20261126-100000-abcd",
        pack="p",
        pack_version="1",
        lang="en",
        status="in_progress",
        started_at=datetime(2026, 11, 26),
        updated_at=datetime(2026, 11, 26),
        answers=[answer],
    )
    store.create(journal)
    if change == "int-to-bool":
        journal.answers[0] = msgspec.structs.replace(answer, value=True)
    else:
        moment = datetime(2026, 11, 26, 1, tzinfo=UTC)
        journal.answers[0] = msgspec.structs.replace(answer, answered_at=moment)
    store.save(journal)
    store.release_all()
    assert exact(store.load(journal.id)) == exact(journal)
