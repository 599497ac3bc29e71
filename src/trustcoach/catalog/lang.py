"""Which language trustcoach speaks: ``--lang``, then ``TRUSTCOACH_LANG``, then the locale."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from trustcoach.catalog.say import DEFAULT_LANG
from trustcoach.errors import UsageError
from trustcoach.names import LANGS

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key


LANG_ENV = "TRUSTCOACH_LANG"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def choose_lang(explicit: str | None) -> str:
    """The language to speak: ``--lang`` when given, then ``TRUSTCOACH_LANG``, then the locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: Japanese when it starts with ``ja``), else English.

    A language trustcoach does not speak, given with ``--lang`` or ``TRUSTCOACH_LANG``, is a
    user error (UsageError).
    """
    if explicit is not None:
        return _known(explicit, "bad_lang_option")
    configured = os.environ.get(LANG_ENV, "").strip()
    if configured:
        return _known(configured, "bad_lang_env")
    for name in _LOCALE_VARIABLES:
        value = os.environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else DEFAULT_LANG
    return DEFAULT_LANG


def _known(lang: str, problem: Key) -> str:
    if lang in LANGS:
        return lang
    raise UsageError(problem, value=lang)
