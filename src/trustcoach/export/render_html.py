"""A session as one self-contained, printable HTML page (no scripts, fonts or links).

Every text a person wrote is escaped and its control characters made visible, so nothing typed
can become markup or a link.
"""

from __future__ import annotations

from trustcoach.catalog.say import say
from trustcoach.export.document import SharedSession
from trustcoach.text import visible


def html_text(text: str) -> str:
    """Text typed by a person, as HTML: escaped, controls made visible, line breaks kept."""
    import html  # only HTML exports need it

    return html.escape(visible(text)).replace("\n", "<br>\n")


_h = html_text  # short, for the many f-strings below and in report.py


STYLE = """
body { font-family: system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; color: #1b1b1b; }
h1 { font-size: 1.5rem; border-bottom: 2px solid #555; padding-bottom: .3rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #999; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dt { font-weight: bold; }
.question { font-weight: bold; margin: 1rem 0 .2rem; }
.answer { margin: 0 0 .8rem 1rem; white-space: normal; overflow-wrap: anywhere; }
.skipped { font-style: italic; color: #555; }
.note { font-style: italic; margin-top: 2rem; }
@media print {
  @page { size: A4; margin: 18mm; }
  body { max-width: none; margin: 0; font-size: 11pt; color: #000; }
  h2 { break-after: avoid; }
  .question { break-after: avoid; }
  .item { break-inside: avoid; }
}
"""


def html_body(doc: SharedSession, level: int = 2) -> list[str]:
    """Reviews, steps with their questions and answers, and commitments, as HTML lines;
    headings at ``level``."""
    lang, h = doc.lang, f"h{level}"
    out: list[str] = []
    if doc.reviews:
        out += [f"<{h}>{_h(say(lang, 'doc_reviews'))}</{h}>", "<ul>"]
        out += [f"<li>{_h(review.line)}</li>" for review in doc.reviews]
        out.append("</ul>")
    for section in doc.sections:
        out.append(f"<{h}>{_h(section.title)}</{h}>")
        for item in section.items:
            css = "answer skipped" if item.skipped else "answer"
            out += [
                '<div class="item">',
                f'<p class="question">{_h(item.prompt)}</p>',
                f'<p class="{css}">{_h(item.words)}</p>',
                "</div>",
            ]
    if doc.commitments:
        out += [f"<{h}>{_h(say(lang, 'doc_commitments'))}</{h}>", "<ol>"]
        out += [f"<li>{_h(c.line)}</li>" for c in doc.commitments]
        out.append("</ol>")
    return out


def render(doc: SharedSession) -> str:
    """The session as one self-contained, printable HTML page."""
    lang = doc.lang
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(doc.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(doc.title)}</h1>",
        '<dl class="meta">',
    ]
    out += [f"<dt>{_h(key)}</dt><dd>{_h(value)}</dd>" for key, value in doc.meta]
    out.append("</dl>")
    out += html_body(doc)
    if doc.left_out:
        out.append(f'<p class="note">{_h(say(lang, "doc_left_out", count=doc.left_out))}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
