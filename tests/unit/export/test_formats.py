"""The one table of export formats: what the command line accepts, lists and refuses, how a
file is named, what renders a session and the report, all read from it. A format added to
the table is a format of every one of those."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import complete_session
from trustcoach.catalog.say import say
from trustcoach.export import formats
from trustcoach.export.formats import FORMATS, Format, either, help_words
from trustcoach.export.handover import default_output, report_output


@pytest.fixture
def text_format(monkeypatch: pytest.MonkeyPatch) -> Format:
    """A fifth format, plain text, made of an existing renderer and one line in the table."""
    added = Format("txt", "render_text:render", "txt")
    monkeypatch.setitem(FORMATS, "txt", added)
    return added


def test_a_format_added_to_the_table_is_exported_named_and_listed(
    text_format: Format, isolated_home: Path, tmp_path: Path
) -> None:
    complete_session(isolated_home, tmp_path)
    shown = ok(run_cli("show", "latest"))
    assert ok(run_cli("export", "latest", "--format", "txt")) == shown
    session_id = shown.split()[2]
    assert default_output(session_id, "txt") == Path(f"trustcoach-{session_id}.txt")
    assert report_output("2026-11-01", "txt", "K.T.").name == "trustcoach-K.T-report-2026-11-01.txt"
    assert say("en", "help_format", formats=help_words()) == (
        "md, json, html, fhir (an HL7 FHIR R4 QuestionnaireResponse) or txt."
    )
    message = refused(run_cli("export", "latest", "--format", "pdf"))
    assert "--format must be md, json, html, fhir or txt, not 'pdf'" in message
    # it has no report: the report says which formats have one
    message = refused(run_cli("export", "--since", "2026-11-01", "--format", "txt"))
    assert "a report over several sessions is written as md or html" in message


def test_a_format_that_names_a_report_renderer_writes_the_report(
    monkeypatch: pytest.MonkeyPatch, isolated_home: Path, tmp_path: Path
) -> None:
    complete_session(isolated_home, tmp_path)
    markdown = Format("markdown", "render_md:render", "md", report="report:to_markdown")
    monkeypatch.setitem(FORMATS, "markdown", markdown)
    report = ok(run_cli("export", "--since", "2026-11-01", "--format", "markdown"))
    assert report == ok(run_cli("export", "--since", "2026-11-01", "--format", "md"))
    assert report.startswith("# ")


def test_every_format_of_the_table_renders_and_names_its_files() -> None:
    for name, found in FORMATS.items():
        assert found.name == name
        assert callable(formats.session_renderer(found)), name
        if found.report:
            assert callable(formats.report_renderer(found)), name
        assert default_output("20261126-100000-abcd", name).name.endswith(f".{found.extension}")
    assert default_output("20261126-100000-abcd", "fhir").name.endswith(".fhir.json")
    assert [f.name for f in FORMATS.values() if f.report] == ["md", "html"]
    assert [f.name for f in FORMATS.values() if f.page] == ["html"]


@pytest.mark.parametrize(
    ("items", "en", "ja"),
    [
        (["md"], "md", "md"),
        (["md", "html"], "md or html", "md か html"),
        (["md", "json", "html", "fhir"], "md, json, html or fhir", "md、json、html、fhir"),
    ],
)
def test_alternatives_are_said_as_each_language_says_them(
    items: list[str], en: str, ja: str
) -> None:
    said = either(items)
    assert say("en", "bad_format", formats=said, value="x") == f"--format must be {en}, not 'x'"
    assert say("ja", "report_formats", formats=said).endswith(f"、{ja} で書き出します")
