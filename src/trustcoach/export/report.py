"""A progress report over several sessions, for a counselor: ratings chart, commitments and
reviews, and the answers the client chose to share. Markdown or self-contained printable HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trustcoach.export.chart import chart_svg
from trustcoach.export.document import SessionDocument, label
from trustcoach.export.render_html import STYLE, html_body
from trustcoach.export.render_html import html_text as _h
from trustcoach.export.render_md import markdown_body, md_escape
from trustcoach.journal.history import PARTNER_TRUST, SELF_TRUST

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "trustcoach progress report",
        "period": "Sessions from {start} to {end}: {count}",
        "ratings": "Ratings over time (1 to 10)",
        "date": "Date",
        "self": "Self-trust",
        "partner": "Partner's trust (estimate)",
        "made": "Commitments",
        "kept": "Kept",
        "chart": "Self-trust (solid line, circles) and partner's trust as estimated by the client "
        "(dashed line, squares), per session.",
        "sessions": "Sessions",
        "none": "No sessions in this period.",
    },
    "ja": {
        "title": "trustcoach 経過レポート",
        "period": "{start}から{end}までのセッション: {count}件",
        "ratings": "評価の推移（1〜10）",
        "date": "日付",
        "self": "自分への信頼",
        "partner": "パートナーからの信頼（本人の見立て）",
        "made": "約束",
        "kept": "守れた",
        "chart": "自分への信頼（実線・丸）と、本人が見立てたパートナーからの信頼（破線・四角）の"
        "セッションごとの推移です。",
        "sessions": "セッション",
        "none": "この期間のセッションはありません。",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    """A word of the report in ``lang``."""
    return WORDS.get(lang, WORDS["en"])[key].format(**values)


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
    return word(report.lang, "period", start=report.start, end=report.end, count=count)


def _num(value: int | None) -> str:
    return "–" if value is None else str(value)


def to_html(report: Report) -> str:
    """The report as one self-contained, printable HTML page."""
    lang = report.lang
    title = word(lang, "title")
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
        out += [f"<p>{_h(word(lang, 'none'))}</p>", "</body></html>", ""]
        return "\n".join(out)
    table = rows(report)
    out += [f"<h2>{_h(word(lang, 'ratings'))}</h2>"]
    out.append(chart_svg([(d, s, p) for d, s, p, _, _ in table]))
    out.append(f"<p>{_h(word(lang, 'chart'))}</p>")
    heads = [word(lang, key) for key in ("date", "self", "partner", "made", "kept")]
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
        out.append(f'<p class="note">{_h(label(lang, "left_out", count=report.left_out))}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def to_markdown(report: Report) -> str:
    """The report as CommonMark, with the ratings as a table."""
    lang = report.lang
    out = [f"# {md_escape(word(lang, 'title'))}", ""]
    out += [
        md_escape(
            word(lang, "period", start=report.start, end=report.end, count=len(report.sessions))
        ),
        "",
    ]
    if not report.sessions:
        return "\n".join([*out, md_escape(word(lang, "none")), ""])
    heads = [word(lang, key) for key in ("date", "self", "partner", "made", "kept")]
    out += [f"## {md_escape(word(lang, 'ratings'))}", ""]
    out.append("| " + " | ".join(md_escape(h) for h in heads) + " |")
    out.append("|" + "---|" * len(heads))
    for day, self_trust, partner, made, kept in rows(report):
        cells = [day, _num(self_trust), _num(partner), str(made), str(kept)]
        out.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
    out.append("")
    for doc in report.sessions:
        out += [f"## {md_escape(doc.title)}", "", *markdown_body(doc, level=3)]
    if report.left_out:
        out += [f"*{md_escape(label(lang, 'left_out', count=report.left_out))}*", ""]
    return "\n".join(out)
