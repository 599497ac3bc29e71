"""``trustcoach export`` of one session in md, html and json: every typed text shown exactly once
and literally, nothing fetched from outside, the JSON equal to the journal field by field, and
no file replaced without --force. The sessions are those of the ``history`` fixture."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from tests.support.histories import (
    ESC,
    OUTCOME_LABELS,
    Planned,
    expected_reviews,
    review_text,
    shown,
    text_answers,
)
from tests.support.journals import journal_path, read_journal
from tests.support.packs import STEP_TITLES
from tests.support.runner import ok, run_cli
from trustcoach.journal.model import ADDED_FIELDS

# ---------------------------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------------------------


class Collector(HTMLParser):
    """The tags (with attributes) and the text of an HTML document; style contents apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.parts: list[str] = []
        self.style: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        (self.style if self._open[-1:] == ["style"] else self.parts).append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def tag_names(self) -> set[str]:
        return {name for name, _ in self.tags}


def collect(html_text: str) -> Collector:
    parser = Collector()
    parser.feed(html_text)
    parser.close()
    return parser


def typed_values(plan: Planned, sessions: list[Planned]) -> list[str]:
    """Every text the user typed that this session's documents must show exactly once."""
    values = [shown(v) for v in text_answers(plan.lang, plan.tag).values()]
    for _, _, _, note in expected_reviews(plan, sessions):
        if note:
            values.append(shown(note))
    return values


def commitment_lines(plan: Planned) -> list[str]:
    """Each commitment up to its due date (a check it was kept through may follow)."""
    opening = "（期日" if plan.lang == "ja" else " (due"
    return [
        f"{shown(text)}{opening} {due.isoformat()}"
        for text, due in zip(plan.texts, plan.dues, strict=True)
    ]


def assert_typed_text_once(text: str, plan: Planned, sessions: list[Planned]) -> None:
    assert ESC not in text
    for value in typed_values(plan, sessions):
        assert text.count(value) == 1, (plan.tag, value, text)
    for line in commitment_lines(plan):
        assert text.count(line) == 1, (plan.tag, line)
    for session_id, cid, outcome, _ in expected_reviews(plan, sessions):
        number = next(i for i, p in enumerate(sessions) if p.id == session_id)
        label = OUTCOME_LABELS[plan.lang][outcome]
        separator = "：" if plan.lang == "ja" else " — "
        review = f"{review_text(plan, sessions, number, cid)}{separator}{label}"
        assert text.count(review) == 1, review


def test_export_markdown_renders_typed_text_literally(history: list[Planned]) -> None:
    md = MarkdownIt("commonmark")
    for plan in history:
        source = ok(run_cli("export", plan.id, "--format", "md"))
        rendered = md.render(source)
        parsed = collect(rendered)
        assert_typed_text_once(parsed.text, plan, history)
        # Nothing typed became markup: only the document's own elements are there.
        assert parsed.tag_names <= {"h1", "h2", "p", "ul", "ol", "li", "strong", "br"}, (
            parsed.tag_names
        )
        assert [name for name, _ in parsed.tags].count("h1") == 1
        assert "<script" not in rendered
        headings = [t for t in STEP_TITLES[plan.lang] if t in parsed.text]
        assert headings == STEP_TITLES[plan.lang]
        if plan.lang == "ja":
            assert "前回までの約束の振り返り" in parsed.text if plan.reviews else True
            assert "Commitments" not in parsed.text


EXTERNAL = re.compile(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", re.IGNORECASE)


def test_export_html_is_self_contained_and_shows_typed_text(history: list[Planned]) -> None:
    for plan in history:
        page = ok(run_cli("export", plan.id, "--format", "html"))
        parsed = collect(page)
        assert_typed_text_once(parsed.text, plan, history)
        assert "script" not in parsed.tag_names
        assert not {"b", "i", "a", "img", "link", "iframe", "em", "code"} & parsed.tag_names
        assert "<script" not in page.lower()
        assert not EXTERNAL.search(page)
        assert "@import" not in page and "url(" not in page
        assert not any(
            value and ("http" in value or value.startswith("//"))
            for _, attrs in parsed.tags
            for value in attrs.values()
        )
        assert "@media print" in "".join(parsed.style)
        assert ("html", {"lang": plan.lang}) in parsed.tags
        assert ("meta", {"charset": "utf-8"}) in parsed.tags


def same_value(toml_value: Any, json_value: Any) -> bool:
    if isinstance(toml_value, datetime):
        return datetime.fromisoformat(json_value) == toml_value
    if isinstance(toml_value, date):
        return date.fromisoformat(json_value) == toml_value
    return toml_value == json_value and type(toml_value) is type(json_value)


# A choice's labels (journal version 2) are not a field of the JSON export, which kept the
# values and their shown words before the journal kept the labels as a list; the FHIR export
# carries them, each with its value.
NOT_IN_JSON = {"answers": {"labels"}}


def assert_tables_equal(
    toml_tables: list[dict[str, Any]], json_tables: list[dict[str, Any]], what: str
) -> None:
    assert len(toml_tables) == len(json_tables), what
    added = ADDED_FIELDS.get(what, {})
    for number, (table, exported) in enumerate(zip(toml_tables, json_tables, strict=True)):
        # fields added to the format later are left out of the file at their default value
        missing = {key: exported[key] for key in set(exported) - set(table)}
        assert missing == {key: added[key] for key in missing if key in added}, (what, number)
        stored = {k: v for k, v in table.items() if k not in NOT_IN_JSON.get(what, set())}
        assert set(stored) <= set(exported), (what, number)
        for key, value in stored.items():
            assert same_value(value, exported[key]), (what, number, key, value, exported[key])


def test_export_json_matches_the_journal_field_by_field(
    history: list[Planned], isolated_home: Path
) -> None:
    for plan in history:
        data = json.loads(ok(run_cli("export", plan.id, "--format", "json")))
        journal = read_journal(journal_path(isolated_home, plan.id))
        for key in ("id", "lang", "status", "pack", "pack_version"):
            assert data[key] == journal[key]
        assert same_value(journal["started_at"], data["started_at"])
        for table in ("answers", "commitments", "reviews"):
            assert_tables_equal(journal.get(table, []), data.get(table, []), table)
        # The raw escape character round-trips in JSON (it is data, not a display).
        values = {a["question"]: a["value"] for a in data["answers"]}
        assert values["showing_action"] == text_answers(plan.lang, plan.tag)["showing_action"]


def test_export_output_file_refuses_to_replace_without_force(
    history: list[Planned], tmp_path: Path
) -> None:
    target = tmp_path / "share.md"
    first = run_cli("export", history[0].id, "--format", "md", "--output", str(target))
    assert ok(first).strip() == f"Wrote {target}"
    written = target.read_bytes()
    assert written.decode("utf-8") == ok(run_cli("export", history[0].id, "--format", "md"))
    stamp = target.stat().st_mtime_ns

    again = run_cli("export", history[1].id, "--format", "md", "--output", str(target))
    assert again.exit_code == 1
    message = again.stderr.strip()
    assert len(message.splitlines()) == 1
    assert str(target) in message and "--force" in message
    assert "Traceback" not in again.stdout + again.stderr
    assert target.read_bytes() == written
    assert target.stat().st_mtime_ns == stamp

    forced = run_cli("export", history[1].id, "--format", "md", "--output", str(target), "--force")
    assert ok(forced).strip() == f"Wrote {target}"
    assert target.read_bytes().decode("utf-8") == ok(
        run_cli("export", history[1].id, "--format", "md")
    )
    assert history[1].id in MarkdownIt("commonmark").render(target.read_text("utf-8"))
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "share.md" and "share" in p.name]
    assert leftovers == []
