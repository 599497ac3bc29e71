"""A session as CommonMark: readable in a text editor, shown exactly as written when rendered."""

from __future__ import annotations

import re

from trustcoach.catalog.say import say
from trustcoach.export.document import SharedSession
from trustcoach.text import visible

# Characters that are markup anywhere in a CommonMark line, and the starts of a line that
# would make a heading, quote, list, rule or code fence.
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


def markdown_body(doc: SharedSession, level: int = 2) -> list[str]:
    """Reviews, steps with their questions and answers, and commitments, as CommonMark lines;
    headings at ``level`` (a report nests sessions one level deeper)."""
    lang, hashes = doc.lang, "#" * level
    out: list[str] = []
    if doc.reviews:
        out += [f"{hashes} {md_escape(say(lang, 'doc_reviews'))}", ""]
        out += [f"- {md_escape(review.line)}" for review in doc.reviews]
        out.append("")
    for section in doc.sections:
        out += [f"{hashes} {md_escape(section.title)}", ""]
        for item in section.items:
            out += [f"**{md_escape(item.prompt)}**", "", md_escape(item.words), ""]
    if doc.commitments:
        out += [f"{hashes} {md_escape(say(lang, 'doc_commitments'))}", ""]
        out += [f"{n}. {md_escape(c.line)}" for n, c in enumerate(doc.commitments, start=1)]
        out.append("")
    return out


def render(doc: SharedSession) -> str:
    """The session as CommonMark."""
    out = [f"# {md_escape(doc.title)}", ""]
    out += [f"- {md_escape(key)}: {md_escape(value)}" for key, value in doc.meta]
    out.append("")
    out += markdown_body(doc)
    if doc.left_out:
        out += [f"*{md_escape(say(doc.lang, 'doc_left_out', count=doc.left_out))}*", ""]
    return "\n".join(out)
