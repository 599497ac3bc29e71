"""A progress report over several sessions, for a counselor: ratings chart, commitments and
reviews, and the answers the client chose to share. Markdown or self-contained printable HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from trustcoach.catalog.say import Message, say
from trustcoach.default_pack import BELIEFS, PARTNER_TRUST, SELF_TRUST
from trustcoach.export.chart import chart_svg
from trustcoach.export.document import SharedSession, Strength
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
    client: str | None = None
    strengths: tuple[Strength, ...] = ()  # toward oneself, then toward the partner

    @property
    def left_out(self) -> int:
        """How many answers were left out, over all sessions."""
        return sum(doc.left_out for doc in self.sessions)

    def about(self) -> list[str]:
        """The lines under the title: the period, the client's label and the counselors."""
        lang = self.lang
        lines = [say(lang, "report_period", start=self.start, end=self.end, count=len(self))]
        if self.client:
            lines.append(say(lang, "labelled", label=say(lang, "doc_client"), value=self.client))
        named = (doc.info.counselor for doc in self.sessions if doc.info.counselor)
        counselors = list(dict.fromkeys(named))
        if counselors:
            label = say(lang, "doc_counselor")
            lines.append(say(lang, "labelled", label=label, value=", ".join(counselors)))
        return lines

    def __len__(self) -> int:
        return len(self.sessions)

    def keeping_lines(self) -> list[str]:
        """Both strengths of keeping one's word and the reviews' tally, over the reviews this
        report shares (one sentence when reviews are not shared at all)."""
        lang = self.lang
        if not self.reviews_shared:
            return [say(lang, "report_reviews_not_shared")]
        lines = []
        keys: dict[str, Key] = {
            "self": "report_strength_self",
            "partner": "report_strength_partner",
        }
        for side in self.strengths:
            value = Message("report_strength_none")
            if side.reviews:
                values = {"value": side.percent, "count": side.reviews}
                value = Message("report_strength_value", values)
            lines.append(say(lang, keys[side.toward], value=value))
        lines.append(
            say(
                lang,
                "report_tally",
                kept=sum(s.kept for s in self.strengths),
                partly=sum(s.partly for s in self.strengths),
                not_kept=sum(s.not_kept for s in self.strengths),
                count=sum(s.reviews for s in self.strengths),
            )
        )
        return lines


def review_counts(report: Report) -> dict[str, tuple[int, int]]:
    """Per session, how many of its shared commitments were kept and how many were reviewed
    at all, by their first shared review (the order of ``journal.history``: by the day of the
    review, then the reviewing session)."""
    first: dict[tuple[str, str], str] = {}
    reviews = [(r.reviewed_at.date(), d.info.id, r) for d in report.sessions for r in d.reviews]
    for _, _, review in sorted(reviews, key=lambda found: found[:2]):
        first.setdefault((review.session, review.commitment), review.outcome)
    shared = {(doc.info.id, c.id) for doc in report.sessions for c in doc.commitments}
    counts: dict[str, tuple[int, int]] = {}
    for (session, commitment), outcome in first.items():
        if (session, commitment) in shared:
            kept, reviewed = counts.get(session, (0, 0))
            counts[session] = (kept + (outcome == "kept"), reviewed + 1)
    return counts


def kept_cell(report: Report, doc: SharedSession, counts: dict[str, tuple[int, int]]) -> str:
    """How many of a session's commitments were kept, in words: "not reviewed yet" rather
    than a zero when none has been looked back at, and how many are still open otherwise."""
    kept, reviewed = counts.get(doc.info.id, (0, 0))
    waiting = len(doc.commitments) - reviewed
    if doc.commitments and not reviewed:
        return say(report.lang, "report_not_reviewed")
    if waiting > 0:
        return say(report.lang, "report_kept_partial", kept=kept, open=waiting)
    return str(kept)


def rows(report: Report) -> list[tuple[str, int | None, int | None, int, str | None]]:
    """Per session: date, self-trust, partner trust, commitments made, kept (in words; None:
    not said, because reviews are not shared). Only what each document shares is counted."""
    counts = review_counts(report)
    return [
        (
            f"{doc.info.started_at:%Y-%m-%d}",
            doc.rating(SELF_TRUST),
            doc.rating(PARTNER_TRUST),
            len(doc.commitments),
            kept_cell(report, doc, counts) if report.reviews_shared else None,
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


def _day(doc: SharedSession) -> str:
    """The day a session started, marked when it is unfinished."""
    day = f"{doc.info.started_at:%Y-%m-%d}"
    if doc.info.status == "complete":
        return day
    return say(doc.lang, "report_unfinished", text=day)


def _heading(doc: SharedSession) -> str:
    """A session's heading in the report, marked when it is unfinished."""
    if doc.info.status == "complete":
        return doc.title
    return say(doc.lang, "report_unfinished", text=doc.title)


def _started(doc: SharedSession) -> str:
    return f"{doc.info.started_at:%Y-%m-%d %H:%M}"


def _num(value: int | str | None) -> str:
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
        *(f"<p>{_h(line)}</p>" for line in report.about()),
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
    for doc, (_, self_trust, partner, made, kept) in zip(report.sessions, table, strict=True):
        day = _day(doc)
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
    out.append(f"<h2>{_h(say(lang, 'report_keeping'))}</h2>")
    out += ["<ul>", *(f"<li>{_h(line)}</li>" for line in report.keeping_lines()), "</ul>"]
    for doc in report.sessions:
        out.append('<section class="session">')
        out.append(f"<h2>{_h(_heading(doc))}</h2>")
        started = say(lang, "labelled", label=say(doc.lang, "doc_started"), value=_started(doc))
        out.append(f"<p>{_h(started)}</p>")
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
    for line in report.about():
        out += [md_escape(line), ""]
    if not report.sessions:
        return "\n".join([*out, md_escape(say(lang, "report_none")), ""])
    heads = [say(lang, key) for key in HEADS]
    out += [f"## {md_escape(say(lang, 'report_ratings'))}", ""]
    out.append("| " + " | ".join(md_escape(h) for h in heads) + " |")
    out.append("|" + "---|" * len(heads))
    for doc, (_, self_trust, partner, made, kept) in zip(
        report.sessions, rows(report), strict=True
    ):
        day = _day(doc)
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
    out += [f"## {md_escape(say(lang, 'report_keeping'))}", ""]
    out += [*(f"- {md_escape(line)}" for line in report.keeping_lines()), ""]
    for doc in report.sessions:
        started = say(lang, "labelled", label=say(doc.lang, "doc_started"), value=_started(doc))
        out += [f"## {md_escape(_heading(doc))}", "", md_escape(started), ""]
        out += markdown_body(doc, level=3)
    if report.left_out:
        out += [f"*{md_escape(say(lang, 'doc_left_out', count=report.left_out))}*", ""]
    return "\n".join(out)
