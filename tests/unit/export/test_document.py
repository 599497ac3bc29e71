"""Renderers never see a journal: the document they receive holds plain shared values only, and
their modules cannot reach the journal or the pack models."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from hypothesis import given, settings
from msgspec import Struct

from tests.support.checkout import REPO
from tests.support.strategies import JOURNALS
from trustcoach.export import document
from trustcoach.export.build import build
from trustcoach.export.selection import everything
from trustcoach.export.source import SessionSource
from trustcoach.journal.model import Journal, parse_journal

EXPORT = REPO / "src" / "trustcoach" / "export"
OTHERS = ("report", "chart", "document")
# What renders a document: every format, the report, its chart, and the document's types.
RENDERING = [*sorted(EXPORT.glob("render_*.py")), *(EXPORT / f"{name}.py" for name in OTHERS)]
OLD_JOURNALS = sorted((REPO / "tests" / "data" / "journals-279af0b").glob("*.toml"))


def imported_modules(path: Path) -> list[str]:
    """Every module a file imports, at any depth (functions and TYPE_CHECKING included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = f"trustcoach.export.{base}".rstrip(".")
            found += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return found


def test_rendering_modules_import_neither_journals_nor_packs() -> None:
    assert len(RENDERING) >= 6, RENDERING
    broken = [
        f"{path.name}: {module}"
        for path in RENDERING
        for module in imported_modules(path)
        if module.startswith(("trustcoach.journal", "trustcoach.packs", "trustcoach.export.build"))
        or module.startswith("trustcoach.export.assemble")
    ]
    assert not broken, broken


def test_importing_every_renderer_loads_no_journal_model() -> None:
    modules = [f"trustcoach.export.{path.stem}" for path in RENDERING]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('trustcoach.journal', "
        "'trustcoach.packs'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]", out.stdout


PLAIN = (str, int, bool, date, datetime, type(None))


def assert_plain(value: object, where: str = "document") -> None:
    """Only text, numbers, dates, tuples of them, and the document's own types."""
    if isinstance(value, Struct):
        assert type(value).__module__ == document.__name__, where
        for name in value.__struct_fields__:
            assert "journal" not in name, where
            assert_plain(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, tuple):
        for number, item in enumerate(value):
            assert_plain(item, f"{where}[{number}]")
    else:
        assert isinstance(value, PLAIN), (where, type(value))


def test_old_journals_become_documents_of_plain_values() -> None:
    assert OLD_JOURNALS
    for path in OLD_JOURNALS:
        journal = parse_journal(path.read_bytes())
        assert_plain(build(SessionSource(journal), everything(journal)))


@settings(max_examples=40, deadline=None)
@given(journal=JOURNALS)
def test_any_journal_becomes_a_document_of_plain_values(journal: Journal) -> None:
    assert_plain(build(SessionSource(journal), everything(journal)))
