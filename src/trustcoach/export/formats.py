"""The formats of an export, in one table: each by its name, with what renders a session in
it, how its files end, what renders the progress report in it (nothing: no report), and
whether it is a page that goes to a file rather than to a terminal.

A new format is a renderer file (``render_<name>.py`` with ``render(document) -> str``, given
a ``SharedSession``) and one line in ``FORMATS``. The command line reads this module for its
help and checks, so it imports nothing that costs: renderers are imported when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import Message
from trustcoach.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from trustcoach.catalog.keys import Key
    from trustcoach.export.document import SharedSession
    from trustcoach.export.report import Report


class Format:
    """One export format. ``renderer`` and ``report`` name a function of a module of
    ``trustcoach.export`` as ``module:function``. (A plain class: a NamedTuple took half a
    millisecond to make at every start of the program.)"""

    __slots__ = ("about", "extension", "name", "page", "renderer", "report")

    def __init__(
        self,
        name: str,
        renderer: str,
        extension: str,
        *,
        report: str = "",
        page: bool = False,
        about: Key | None = None,
    ) -> None:
        self.name = name
        self.renderer = renderer  # renders one session: (SharedSession) -> str
        self.extension = extension  # the end of its file names, after the dot
        self.report = report  # renders the report over several sessions: (Report) -> str
        self.page = page  # a page for a browser: at a terminal it is written to a file
        self.about = about  # what the help says of it, when its name is not enough


FORMATS: dict[str, Format] = {
    format.name: format
    for format in (
        Format("md", "render_md:render", "md", report="report:to_markdown"),
        Format("json", "render_json:render", "json"),
        Format("html", "render_html:render", "html", report="report:to_html", page=True),
        Format("fhir", "render_fhir:render", "fhir.json", about="format_fhir"),
    )
}
DEFAULT = "md"


def find_format(name: str) -> Format:
    """The format of that name; UsageError naming the formats otherwise."""
    found = FORMATS.get(name)
    if found is None:
        raise UsageError("bad_format", value=name, formats=either(list(FORMATS)))
    return found


def report_format(name: str) -> Format:
    """The format of that name, when a report can be written in it."""
    found = find_format(name)
    if not found.report:
        reports = [format.name for format in FORMATS.values() if format.report]
        raise UsageError("report_formats", formats=either(reports))
    return found


def help_words() -> Message | str:
    """The formats as the help of ``--format`` lists them."""
    return either([Message(f.about) if f.about else f.name for f in FORMATS.values()])


def session_renderer(format: Format) -> Callable[[SharedSession], str]:
    """The function that renders one session in ``format``."""
    render: Callable[[SharedSession], str] = _function(format.renderer)
    return render


def report_renderer(format: Format) -> Callable[[Report], str]:
    """The function that renders the progress report in ``format`` (one that has a report)."""
    render: Callable[[Report], str] = _function(format.report)
    return render


def _function(where: str) -> Any:
    import importlib

    module, _, name = where.partition(":")
    return getattr(importlib.import_module(f"trustcoach.export.{module}"), name)


def either(items: list[Any]) -> Message | str:
    """Items said as alternatives: "md or html", "md, json, html or fhir" (in the language
    the message is said in)."""
    if len(items) == 1:
        return str(items[0])
    if len(items) == 2:
        return Message("one_or_other", {"first": items[0], "last": items[1]})
    return Message("one_of_many", {"most": items[:-1], "last": items[-1]})
