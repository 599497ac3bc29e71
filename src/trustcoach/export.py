"""Renderings of a session document: Markdown (CommonMark), self-contained HTML, and JSON.

Every text a person wrote is escaped for the format, and control characters are made visible,
so nothing typed can become markup, a link or a terminal command.
"""

from __future__ import annotations

import json
import re

from trustcoach.document import SessionDocument, label
from trustcoach.text import visible

# Characters that are markup anywhere in a CommonMark line, and the starts of a line that
# would make a heading, quote, list, rule or code fence.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&!|~])")
_MD_LINE_START = re.compile(r"^([#>+\-=])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def md_escape(text: str) -> str:
    """Text that CommonMark shows exactly as written, with line breaks kept; only what could
    be read as markup is escaped, so the file stays readable in a text editor."""
    lines = []
    for line in visible(text).split("\n"):
        escaped = _MD_INLINE.sub(r"\\\1", line.strip())
        escaped = _MD_ORDERED.sub(r"\1\\\2", _MD_LINE_START.sub(r"\\\1", escaped))
        lines.append(escaped)
    return "\\\n".join(lines)


def markdown_body(doc: SessionDocument, level: int = 2) -> list[str]:
    """Reviews, steps with their questions and answers, and commitments, as CommonMark lines;
    headings at ``level`` (a report nests sessions one level deeper)."""
    lang, hashes = doc.lang, "#" * level
    out: list[str] = []
    if doc.reviews:
        out += [f"{hashes} {md_escape(label(lang, 'reviews'))}", ""]
        out += [f"- {md_escape(line)}" for line in doc.reviews]
        out.append("")
    for section in doc.sections:
        out += [f"{hashes} {md_escape(section.title)}", ""]
        for item in section.items:
            out += [f"**{md_escape(item.prompt)}**", "", md_escape(item.answer), ""]
    if doc.commitments:
        out += [f"{hashes} {md_escape(label(lang, 'commitments'))}", ""]
        out += [f"{n}. {md_escape(line)}" for n, line in enumerate(doc.commitments, start=1)]
        out.append("")
    return out


def to_markdown(doc: SessionDocument) -> str:
    """The session as CommonMark."""
    out = [f"# {md_escape(doc.title)}", ""]
    out += [f"- {md_escape(key)}: {md_escape(value)}" for key, value in doc.meta]
    out.append("")
    out += markdown_body(doc)
    if doc.left_out:
        out += [f"*{md_escape(label(doc.lang, 'left_out', count=doc.left_out))}*", ""]
    return "\n".join(out)


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


def html_body(doc: SessionDocument, level: int = 2) -> list[str]:
    """Reviews, steps with their questions and answers, and commitments, as HTML lines;
    headings at ``level``."""
    lang, h = doc.lang, f"h{level}"
    out: list[str] = []
    if doc.reviews:
        out += [f"<{h}>{_h(label(lang, 'reviews'))}</{h}>", "<ul>"]
        out += [f"<li>{_h(line)}</li>" for line in doc.reviews]
        out.append("</ul>")
    for section in doc.sections:
        out.append(f"<{h}>{_h(section.title)}</{h}>")
        for item in section.items:
            css = "answer skipped" if item.skipped else "answer"
            out += [
                '<div class="item">',
                f'<p class="question">{_h(item.prompt)}</p>',
                f'<p class="{css}">{_h(item.answer)}</p>',
                "</div>",
            ]
    if doc.commitments:
        out += [f"<{h}>{_h(label(lang, 'commitments'))}</{h}>", "<ol>"]
        out += [f"<li>{_h(line)}</li>" for line in doc.commitments]
        out.append("</ol>")
    return out


def to_html(doc: SessionDocument) -> str:
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
        out.append(f'<p class="note">{_h(label(lang, "left_out", count=doc.left_out))}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def to_json(doc: SessionDocument) -> str:
    """The journal's data (only what was kept) as JSON."""
    from trustcoach.quick_models import plain_dump

    data = plain_dump(doc.journal)
    shown = {item.question: item.prompt for section in doc.sections for item in section.items}
    data["answers"] = [
        {**a, "prompt": shown[a["question"]]} for a in data["answers"] if a["question"] in shown
    ]
    kept = set(shown)
    data["commitments"] = [c for c in data["commitments"] if c["question"] in kept]
    if not doc.reviews:
        data["reviews"] = []
    data["left_out"] = doc.left_out
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # json escapes C0 controls only; escape DEL, C1 controls and line separators too, so that
    # printing the file cannot drive a terminal.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"
