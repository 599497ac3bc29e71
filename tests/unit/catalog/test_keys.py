"""The catalog's keys (``catalog/keys.py``) and its tables (``en.py``, ``ja.py``): one table per
language with the same keys and placeholders, every key used and every used key known, no
language decided outside the catalog, Japanese written with full-width punctuation, and a hint
that names the program as it was run."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import get_args

import pytest

from tests.support.checkout import REPO
from trustcoach.catalog import en, ja
from trustcoach.catalog.keys import Key
from trustcoach.catalog.say import Plural

SRC = REPO / "src" / "trustcoach"
KEYS = get_args(Key)
TABLES = {"en": en.WORDS, "ja": ja.WORDS}

# Calls whose quoted arguments are catalog keys: looking words up, building messages, raising
# errors and problems.
KEYED_CALLS = {
    "say",
    "_say",
    "_sentences",
    "help_text",
    "Message",
    "_problem",
    "_at",
    "problem",
    "TrustcoachError",
    "UsageError",
    "PackError",
    "JournalError",
    "AnswersFileError",
    "SessionInterrupted",
    "InvalidAnswer",
    "TomlReadError",
    "NotRegularFile",
}


def sources(*, with_say: bool = False) -> dict[Path, str]:
    """Every module of trustcoach outside the catalog's tables, by its path under
    ``src/trustcoach``: the code of the catalog (``lang.py``, which raises its own errors, and
    with ``with_say`` also ``say.py``) counts as code that uses keys."""
    code = {"lang.py", "say.py"} if with_say else {"lang.py"}
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if relative.parts[0] != "catalog" or relative.name in code:
            found[relative] = path.read_text("utf-8")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def forms(entry: str | Plural) -> list[str]:
    return list(entry) if isinstance(entry, Plural) else [entry]


# ---------------------------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------------------------


def test_key_lists_every_name_once() -> None:
    """Read from the source: at run time ``Literal`` drops repeated values silently."""
    tree = ast.parse((SRC / "catalog" / "keys.py").read_text("utf-8"))
    names = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ][1:]  # after the docstring
    assert sorted(name for name in set(names) if names.count(name) > 1) == []
    assert len(names) == len(KEYS)


@pytest.mark.parametrize("lang", sorted(TABLES))
def test_every_language_has_exactly_the_keys(lang: str) -> None:
    table = TABLES[lang]
    assert sorted(set(KEYS) - set(table)) == [], f"missing in {lang}"
    assert sorted(set(table) - set(KEYS)) == [], f"not in Key, in {lang}"


def test_every_key_has_the_same_placeholders_in_every_form_and_language() -> None:
    differ = []
    for key in KEYS:
        expected = placeholders(forms(en.WORDS[key])[0])
        for lang, table in TABLES.items():
            for text in forms(table[key]):
                found = placeholders(text)
                if found != expected:
                    differ.append(f"{lang}.{key}: {sorted(found)} != {sorted(expected)}")
    assert differ == []


def test_a_plural_counts_something() -> None:
    """A Plural is chosen by its ``count``; an entry without one cannot be a Plural."""
    for lang, table in TABLES.items():
        for key, entry in table.items():
            if isinstance(entry, Plural):
                assert "count" in placeholders(entry.one), f"{lang}.{key}"


def test_japanese_has_one_form_and_no_ascii_sentence_ends() -> None:
    """Japanese has no plural forms; its own sentences end in 。 or nothing, never in '.'."""
    assert not [key for key, entry in ja.WORDS.items() if isinstance(entry, Plural)]
    english_stops = [
        key for key, entry in ja.WORDS.items() if re.search(r"[ぁ-んァ-ン一-龥][.!]$", str(entry))
    ]
    assert english_stops == []


# ---------------------------------------------------------------------------------------------
# The keys in the code
# ---------------------------------------------------------------------------------------------


def test_every_key_is_used_outside_the_catalog() -> None:
    text = "\n".join(sources(with_say=True).values())
    unused = [key for key in KEYS if f'"{key}"' not in text and f"'{key}'" not in text]
    assert unused == []


def keys_passed(tree: ast.AST) -> list[tuple[int, str]]:
    """Quoted strings given to a keyed call (both sides of ``a if c else b``), with lines."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in KEYED_CALLS:
            continue
        for arg in node.args:
            options = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
            found += [
                (option.lineno, option.value)
                for option in options
                if isinstance(option, ast.Constant) and isinstance(option.value, str)
            ]
    return found


def test_every_key_given_to_say_or_an_error_exists() -> None:
    passed = {path: keys_passed(ast.parse(text)) for path, text in sources(with_say=True).items()}
    unknown = [
        f"{path}:{line}: {key!r}"
        for path, found in passed.items()
        for line, key in found
        if key not in set(KEYS)
    ]
    assert unknown == []
    assert sum(len(found) for found in passed.values()) > 200  # the scan does find them


NAMES_THE_PROGRAM = {
    key for key in KEYS if any("program" in placeholders(text) for text in forms(en.WORDS[key]))
}


def hints_without_the_program(tree: ast.AST, cli: bool = True) -> list[tuple[int, str]]:
    """``say()`` calls of an entry that names ``{program}`` and are not given ``program``, and
    in ``cli`` (which tells the messages of every layer) ``tell()`` calls not given it; with
    their lines."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        given = len(node.args) > 2 or any(k.arg in ("program", None) for k in node.keywords)
        if node.func.id == "tell" and cli and not given:
            found.append((node.lineno, ast.unparse(node)))
        if node.func.id != "say" or given or len(node.args) < 2:
            continue
        key = node.args[1]
        options = [key.body, key.orelse] if isinstance(key, ast.IfExp) else [key]
        if any(isinstance(o, ast.Constant) and o.value in NAMES_THE_PROGRAM for o in options):
            found.append((node.lineno, ast.unparse(node)))
    return found


def test_every_hint_is_given_the_program_as_it_was_run() -> None:
    """``{program}`` is a value like the others: ``say`` fills it with ``trustcoach`` when not
    given, and a person who runs trustcoach by a path would read a hint they cannot type. Only
    the command line knows it (``Run.say``, ``Run.tell``); what it hands it to passes it on.
    Below cli, a message told is an answer's refusal (``InvalidAnswer``) or an error's English
    ``str()`` for tracebacks: neither is a hint."""
    missing = [
        f"{path}:{line}: {call}"
        for path, text in sources().items()
        for line, call in hints_without_the_program(ast.parse(text), path.parts[0] == "cli")
    ]
    assert missing == []
    assert len(NAMES_THE_PROGRAM) > 40  # the entries that name it are found
    tree = ast.parse('say(lang, "no_sessions_yet"); tell(lang, message); say(lang, "need_text")')
    assert [line for line, _ in hints_without_the_program(tree)] == [1, 1]


LANGUAGE_BRANCHES = [
    re.compile(r"""\blang\w*\s*[!=]=\s*['"]"""),  # lang == "ja", self.lang != 'en'
    re.compile(r"""['"](?:ja|en)['"]\s*[!=]="""),  # "ja" == lang
    re.compile(r"""\blang\w*\s+(?:not\s+)?in\s+[(\[{]\s*['"](?:ja|en)['"]"""),  # lang in ("ja",)
    re.compile(r"""['"](?:ja|en)['"]\s*:\s*[{(\[]"""),  # {"ja": {...}}: a table per language
    re.compile(r"""\.get\(\s*lang\b"""),  # TABLE.get(lang, ...)
]


def test_no_language_is_decided_outside_the_catalog() -> None:
    found = [
        f"{path}:{number}: {line.strip()}"
        for path, text in sources().items()
        for number, line in enumerate(text.splitlines(), start=1)
        if any(pattern.search(line) for pattern in LANGUAGE_BRANCHES)
    ]
    assert found == []


def test_the_branch_patterns_find_what_they_are_for() -> None:
    for line in (
        'return "" if self.lang == "ja" else " "',
        "if 'en' != lang:",
        'if lang in ("ja", "en"):',
        '_YES_NO = {"ja": ("はい", "いいえ"), "en": ("yes", "no")}',
        'WORDS.get(lang, WORDS["en"])',
    ):
        assert any(pattern.search(line) for pattern in LANGUAGE_BRANCHES), line


def test_japanese_sentences_use_full_width_colons_and_brackets() -> None:
    """No ASCII colon or parenthesis right after or before Japanese in a Japanese entry (the
    ``trustcoach: `` that starts an error is the program's name, as in every Unix tool)."""
    mixed = re.compile(r"[ぁ-んァ-ン一-龥ー]\s*[:()]|[:()]\s*[ぁ-んァ-ン一-龥]")
    found = [
        key
        for key, entry in ja.WORDS.items()
        if mixed.search(str(entry).replace("trustcoach: ", ""))
    ]
    assert found == []


def test_a_hint_names_the_program_as_it_can_be_run() -> None:
    """A command in a hint is ``{program} ...`` (the command as it was run), never a plain
    ``trustcoach ...`` that may not be on the PATH; the help texts are read before the program
    is known and keep the name."""
    command = re.compile(
        r"\btrustcoach (?:start|resume|list|show|export|progress|pack|doctor|checkin|remind"
        r"|forget|safety|lock|unlock)\b"
    )
    found = [
        f"{lang}.{key}"
        for lang, table in TABLES.items()
        for key, entry in table.items()
        if not key.startswith("help_")
        and key != "report_title"  # "trustcoach progress report": a title, not a command
        and any(command.search(text) for text in forms(entry))
    ]
    assert found == []
