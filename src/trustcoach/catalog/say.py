"""Every word trustcoach shows, looked up one way: ``say(lang, key, **values)``.

The words live in one table per language (``catalog/en.py``, ``catalog/ja.py``), keyed by the
names in ``catalog/keys.py``. Pack texts are the packs' own and are not here.

Why a table per language, keyed by a ``Literal``:

- Not gettext: gettext needs compiled catalogs (a build step, files to ship) and uses the English
  sentence as the id, so changing an English sentence silently drops its translation. Here the id
  is a short name that stays when the wording changes.
- Not an Enum of messages (jrnl's model, whose point is that a misspelt message fails at once):
  measured here, a 400-member enum with its table costs 9-14 ms at every start. ``Key`` is a
  ``Literal`` that exists only for the type checker (imported under ``TYPE_CHECKING``), so it costs
  nothing at run time, and mypy still rejects a misspelt key at once: ``say(lang, "need_txt")``,
  ``UsageError("no_sesion")`` and a table entry with an unknown key are type errors.
- Only the one language a command speaks is imported, lazily (importlib, whose ``sys.modules``
  keeps it), the first time a word is needed; ``tests/unit/test_catalog.py`` checks that both
  tables have exactly the keys of ``Key`` with the same placeholders, that every key is used
  and every key used exists. Measured with compiled bytecode, this module and the English table
  add about 2 ms to a start (the table itself 0.3-0.5 ms); ``python -X importtime -c "import
  trustcoach.catalog.say, trustcoach.catalog.en"`` shows 11-18 ms, of which 6-11 ms are
  ``typing`` and 3-5 ms ``re``, both already imported by typer in every run.

Errors carry a key and values (``Message``), never text: the layer that raises one does not know
the language it will be shown in; the CLI's error printer says it in the command's language.
Language-specific small words live here too (the gap between sentences, list separators,
parentheses, quotes, bullets, and the words a person may type for yes and no), so no code outside
the catalog asks which language it is in.

Counts: an entry is a ``Plural`` when a number is shown with a noun; its form is chosen by the
``count`` value ("1 answer was left out", "3 answers were left out"). Japanese has one form, so
its entries are plain strings. A value may itself be a ``Message``, said in the same language, so
that a place and a reason ("answers.self_trust: Please type a whole number ...") compose.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, cast

from trustcoach.names import LANGS

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

DEFAULT_LANG = "en"
DEFAULT_PROGRAM = "trustcoach"  # {program} when the caller does not say how trustcoach is run


class Plural(NamedTuple):
    """The forms of an entry that shows a count: ``one`` for 1, ``other`` for any other number."""

    one: str
    other: str


class Message(NamedTuple):
    """Something to say, not yet in any language: a key and the values to fill in."""

    key: Key
    values: Mapping[str, object] = MappingProxyType({})


_TABLE_MODULES = MappingProxyType({lang: f"trustcoach.catalog.{lang}" for lang in LANGS})


def words(lang: str) -> Mapping[Key, str | Plural]:
    """The table of ``lang`` (English for a language trustcoach does not speak), imported the
    first time it is needed (``sys.modules`` keeps it)."""
    name = _TABLE_MODULES.get(lang) or _TABLE_MODULES[DEFAULT_LANG]
    module = sys.modules.get(name) or importlib.import_module(name)
    table: Mapping[Key, str | Plural] = module.WORDS
    return table


def say(lang: str, key: Key, /, **values: object) -> str:
    """The words of ``key`` in ``lang`` with ``values`` filled in (a ``Message`` value is said
    in the same language first, a list is joined with the language's separator).

    ``{program}`` is the ``program`` value: the command that runs trustcoach, as the hints name
    it, which only the command line knows (``cli/run.py``, ``Run.say``); a ``Message`` value
    names it the same way, and it is ``trustcoach`` when not given.

    A value set between 「 and 」 by the entry has its own 「」 shown as 『』, as Japanese nests
    quotes: 「『ごめん』と言う前に皿を洗う」."""
    entry = words(lang)[key]
    if isinstance(entry, Plural):
        entry = entry.one if values.get("count") == 1 else entry.other
    program = values.get("program", DEFAULT_PROGRAM)
    filled = {name: _fill(lang, value, program) for name, value in values.items()}
    for name, value in filled.items():
        if isinstance(value, str) and f"「{{{name}}}」" in entry and _QUOTES & set(value):
            filled[name] = value.translate(_NESTED_QUOTES)
    filled.setdefault("program", program)
    return entry.format_map(filled)


_QUOTES = frozenset("「」")
_NESTED_QUOTES = MappingProxyType(str.maketrans("「」", "『』"))


def _fill(lang: str, value: object, program: object) -> object:
    """A value as it is put into words: a Message said in ``lang`` (naming ``program``), a
    list joined with the language's separator."""
    if isinstance(value, Message):
        return say(lang, value.key, **{"program": program, **value.values})
    if isinstance(value, list):
        return say(lang, "list_separator").join(str(_fill(lang, v, program)) for v in value)
    return value


def tell(lang: str, message: Message, program: str = DEFAULT_PROGRAM) -> str:
    """A ``Message`` in ``lang``, naming ``program`` as ``say`` does."""
    return say(lang, message.key, **{"program": program, **message.values})


def typed_words(key: Key) -> frozenset[str]:
    """What a person may type for ``key`` (``typed_yes``, ``typed_no``) in any language: the
    space-separated words of every table, so that a Japanese user may type ``y`` too."""
    return frozenset(word for lang in LANGS for word in say(lang, key).split())


def message_json(message: Message) -> str:
    """A Message as JSON text, to keep it (the index caches why a journal is unreadable) and
    say it later in whatever language is asked for."""
    import json

    return json.dumps(_message_data(message), ensure_ascii=False)


def message_from_json(text: str) -> Message | None:
    """A Message kept by ``message_json``; None when the text is not one (a damaged cache)."""
    import json

    try:
        return _message_from_data(json.loads(text))
    except ValueError:
        return None


def _message_data(message: Message) -> list[object]:
    return [message.key, {name: _data(value) for name, value in message.values.items()}]


def _data(value: object) -> object:
    if isinstance(value, Message):
        return {"message": _message_data(value)}
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def _message_from_data(data: object) -> Message | None:
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], dict)):
        return None
    key, values = data
    if not isinstance(key, str) or key not in words(DEFAULT_LANG):
        return None
    found: dict[str, object] = {}
    for name, value in values.items():
        inner = _message_from_data(value.get("message")) if isinstance(value, dict) else value
        if inner is None:
            return None
        found[name] = inner
    return Message(cast("Key", key), found)  # a key of the table, checked above
