"""A progress report over several sessions, for a counselor: ratings chart, commitments and
reviews, and the answers the client chose to share. Markdown or self-contained printable HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from trustcoach.catalog.say import say
from trustcoach.export.chart import chart_svg
from trustcoach.export.document import BELIEFS, PARTNER_TRUST, SELF_TRUST, SharedSession
from trustcoach.export.render_html import STYLE, html_body
from trustcoach.export.render_html import html_text as _h
from trustcoach.export.render_md import markdown_body, md_escape

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
    """Several sessions, each already reduced to what the client shares; whether reviews are
    shared at all (if not, how many commitments were kept is not said either)."""

    lang: str
    start: str
    end: str
    sessions: list[SharedSession]
    reviews_shared: bool = True

    @property
    def left_out(self) -> int:
        """How many answers were left out, over all sessions."""
        return sum(doc.left_out for doc in self.sessions)


def kept_counts(report: Report) -> dict[str, int]:
    """Per session, its shared commitments that were kept, by their first shared review
    (the order of ``journal.history``: by the day of the review, then the reviewing session)."""
    first: dict[tuple[str, str], str] = {}
    reviews = [(r.reviewed_at.date(), d.info.id, r) for d in report.sessions for r in d.reviews]
    for _, _, review in sorted(reviews, key=lambda found: found[:2]):
        first.setdefault((review.session, review.commitment), review.outcome)
    shared = {(doc.info.id, c.id) for doc in report.sessions for c in doc.commitments}
    counts: dict[str, int] = {}
    for (session, commitment), outcome in first.items():
        if outcome == "kept" and (session, commitment) in shared:
            counts[session] = counts.get(session, 0) + 1
    return counts


def rows(report: Report) -> list[tuple[str, int | None, int | None, int, int | None]]:
    """Per session: date, self-trust, partner trust, commitments made, kept (None: not said,
    because reviews are not shared). Only what each document shares is counted."""
    kept = kept_counts(report)
    return [
        (
            f"{doc.info.started_at:%Y-%m-%d}",
            doc.rating(SELF_TRUST),
            doc.rating(PARTNER_TRUST),
            len(doc.commitments),
            kept.get(doc.info.id, 0) if report.reviews_shared else None,
        )
        for doc in report.sessions
    ]


BELIEF_HEADS: tuple[Key, ...] = ("belief_never", "belief_words", "belief_others")


def belief_rows(report: Report) -> list[tuple[str, list[str]]]:
    """Per session that measured them: the date and each belief as "start → end" (only the
    answers the client shares; "–" for the others)."""
    found = []
    for doc in report.sessions:
        pairs = [(doc.rating(start), doc.rating(end)) for _, start, end in BELIEFS]
        if any(v is not None for pair in pairs for v in pair):
            cells = [f"{_num(a)} → {_num(b)}" for a, b in pairs]
            found.append((f"{doc.info.started_at:%Y-%m-%d}", cells))
    return found


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
        cells = [day, _num(self_trust), _num(partner), str(made), _num(kept)]
        out.append("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in cells) + "</tr>")
    out.append("</table>")
    beliefs = belief_rows(report)
    if beliefs:
        heads = [say(lang, "report_date"), *(say(lang, key) for key in BELIEF_HEADS)]
        out.append(f"<h2>{_h(say(lang, 'progress_beliefs'))}</h2>")
        out.append(
            '<table class="ratings"><tr>' + "".join(f"<th>{_h(h)}</th>" for h in heads) + "</tr>"
        )
        for day, cells in beliefs:
            out.append("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in [day, *cells]) + "</tr>")
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
        cells = [day, _num(self_trust), _num(partner), str(made), _num(kept)]
        out.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
    out.append("")
    beliefs = belief_rows(report)
    if beliefs:
        heads = [say(lang, "report_date"), *(say(lang, key) for key in BELIEF_HEADS)]
        out += [f"## {md_escape(say(lang, 'progress_beliefs'))}", ""]
        out.append("| " + " | ".join(md_escape(h) for h in heads) + " |")
        out.append("|" + "---|" * len(heads))
        for day, cells in beliefs:
            out.append("| " + " | ".join(md_escape(c) for c in [day, *cells]) + " |")
        out.append("")
    for doc in report.sessions:
        out += [f"## {md_escape(doc.title)}", "", *markdown_body(doc, level=3)]
    if report.left_out:
        out += [f"*{md_escape(say(lang, 'doc_left_out', count=report.left_out))}*", ""]
    return "\n".join(out)
