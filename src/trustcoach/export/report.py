"""A progress report over several sessions, for a counselor: ratings chart, commitments and
reviews, and the answers the client chose to share. Markdown or self-contained printable HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trustcoach.catalog.say import say
from trustcoach.export.chart import chart_svg
from trustcoach.export.document import SessionDocument
from trustcoach.export.render_html import STYLE, html_body
from trustcoach.export.render_html import html_text as _h
from trustcoach.export.render_md import markdown_body, md_escape
from trustcoach.journal.history import PARTNER_TRUST, SELF_TRUST

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

HEADS: tuple[Key, ...] = (
    "report_date",
    "report_self",
    "report_partner",
    "report_made",
    "report_kept",
)


@dataclass(frozen=True)
class Report:
    """Several sessions, each already reduced to what the client chose to share."""

    lang: str
    start: str
    end: str
    sessions: list[SessionDocument]
    kept: dict[str, int] = field(default_factory=dict)

    @property
    def left_out(self) -> int:
        """How many answers were left out, over all sessions."""
        return sum(doc.left_out for doc in self.sessions)


def _rating(doc: SessionDocument, question: str) -> int | None:
    answer = doc.journal.answer(question)
    if answer is None or answer.skipped or not isinstance(answer.value, int):
        return None
    return None if isinstance(answer.value, bool) else answer.value


def rows(report: Report) -> list[tuple[str, int | None, int | None, int, int]]:
    """Per session: date, self-trust, partner trust, commitments made, kept."""
    return [
        (
            f"{doc.journal.started_at:%Y-%m-%d}",
            _rating(doc, SELF_TRUST),
            _rating(doc, PARTNER_TRUST),
            len(doc.journal.commitments),
            report.kept.get(doc.journal.id, 0),
        )
        for doc in report.sessions
    ]


def _period(report: Report) -> str:
    count = len(report.sessions)
    return say(report.lang, "report_period", start=report.start, end=report.end, count=count)


def _num(value: int | None) -> str:
    return "–" if value is None else str(value)


def to_html(report: Report) -> str:
    """The report as one self-contained, printable HTML page."""
    lang = report.lang
    title = say(lang, "report_title")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>{STYLE}"
        "table.ratings { border-collapse: collapse; margin: .5rem 0; }"
        "table.ratings th, table.ratings td { border: 1px solid #777; padding: .2rem .6rem; }"
        ".chart { width: 100%; max-width: 40rem; height: auto; }"
        "@media print { .chart { max-width: 16cm; } section.session { break-before: page; } }"
        "</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(title)}</h1>",
        f"<p>{_h(_period(report))}</p>",
    ]
    if not report.sessions:
        out += [f"<p>{_h(say(lang, 'report_none'))}</p>", "</body></html>", ""]
        return "\n".join(out)
    table = rows(report)
    out += [f"<h2>{_h(say(lang, 'report_ratings'))}</h2>"]
    out.append(chart_svg([(d, s, p) for d, s, p, _, _ in table], say(lang, "report_chart_label")))
    out.append(f"<p>{_h(say(lang, 'report_chart'))}</p>")
    heads = [say(lang, key) for key in HEADS]
    out.append(
        '<table class="ratings"><tr>' + "".join(f"<th>{_h(h)}</th>" for h in heads) + "</tr>"
    )
    for day, self_trust, partner, made, kept in table:
        cells = [day, _num(self_trust), _num(partner), str(made), str(kept)]
        out.append("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    for doc in report.sessions:
        out.append('<section class="session">')
        out.append(f"<h2>{_h(doc.title)}</h2>")
        out += [f"<p>{_h(key)}: {_h(value)}</p>" for key, value in doc.meta[:1]]
        out += html_body(doc, level=3)
        out.append("</section>")
    if report.left_out:
        out.append(f'<p class="note">{_h(say(lang, "doc_left_out", count=report.left_out))}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def to_markdown(report: Report) -> str:
    """The report as CommonMark, with the ratings as a table."""
    lang = report.lang
    out = [f"# {md_escape(say(lang, 'report_title'))}", ""]
    out += [md_escape(_period(report)), ""]
    if not report.sessions:
        return "\n".join([*out, md_escape(say(lang, "report_none")), ""])
    heads = [say(lang, key) for key in HEADS]
    out += [f"## {md_escape(say(lang, 'report_ratings'))}", ""]
    out.append("| " + " | ".join(md_escape(h) for h in heads) + " |")
    out.append("|" + "---|" * len(heads))
    for day, self_trust, partner, made, kept in rows(report):
        cells = [day, _num(self_trust), _num(partner), str(made), str(kept)]
        out.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
    out.append("")
    for doc in report.sessions:
        out += [f"## {md_escape(doc.title)}", "", *markdown_body(doc, level=3)]
    if report.left_out:
        out += [f"*{md_escape(say(lang, 'doc_left_out', count=report.left_out))}*", ""]
    return "\n".join(out)
