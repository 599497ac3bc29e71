"""Matching a commitment against the pack's checks (plain data, not code).

A check lists words and phrases (``words``); a commitment that holds one of them is a hit,
unless the hit lies inside one of its ``unless`` phrases ("tell the truth" is not "only words").
A check with ``missing`` phrases is also a hit when none of them appears (a commitment that
names no time and no place). Phrases are read so that a counselor can write them plainly:

- Latin words match whole words, case aside, and the first word of a phrase in any regular
  English form: "promise" finds "promised", "promises" and "promising" ("told" is listed).
- A Japanese verb written in its dictionary form matches every form that begins like it:
  「謝る」 finds 「謝って」 and 「謝りたい」, 「伝える」 finds 「伝えたい」, 「約束する」 finds
  「約束します」.
- ``#`` alone stands for any number ("7pm", "22時").
- ``…`` (or ``...``) stands for someone: one to three words in English ("get … to talk" finds
  "get my brother to talk"), a few characters in Japanese (「…に頼む」 finds 「友達に頼んで」).
  It never stands for an article, for him, her or them, nor for the partner's own name, so
  "ask her to talk with me" is not about someone else. A phrase has at most three of them
  (``MAX_SLOTS``); once a ``…`` has found the words after it, it is not tried longer.

Patterns are compiled the first time a commitment is checked, never when the program starts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from trustcoach.text import normalize

if TYPE_CHECKING:
    from trustcoach.packs.model import Check

SLOT = "..."  # "…" becomes "..." when folded
_LATIN = re.compile(r"[a-z0-9]")
# The endings of the Japanese dictionary form, and the kana a conjugated form goes on with.
_GODAN = {
    "う": "わいうえおっ",
    "く": "かきくけこいっ",
    "ぐ": "がぎぐげごい",
    "す": "さしすせそ",
    "つ": "たちつてとっ",
    "ぬ": "なにぬねのん",
    "ぶ": "ばびぶべぼん",
    "む": "まみむめもん",
    "る": "らりるれろっ",
}
_E_I_ROW = set("えけげせぜてでねへべぺめれいきぎしじちぢにひびぴみり")
_KANA = re.compile(r"[\u3040-\u30ff]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# What "…" never stands for: it names someone other than the two of you.
_NOT_SOMEONE = {
    "a", "an", "the", "some", "this", "that", "more", "time", "him", "her", "them", "me",
    "you", "us", "it", "myself", "彼", "彼女", "自分", "私", "僕", "俺",
}  # fmt: skip
_ARTICLES = {"a", "an", "the", "some", "this", "that", "more", "my", "our", "your"}
# A slot is one to three whole words (each taken whole: ``++`` never gives a word back), or one
# to twelve Japanese characters; each slot and the piece after it are one atomic group, so once
# a slot has found its piece the match never comes back to try it longer. So a phrase costs at
# most a few tries per slot at each place of a commitment, never a product over its slots (each
# slot used to about triple the time: a phrase of many "…" hung ``start``), and ``pack
# validate`` refuses more than MAX_SLOTS of them (``bench/run.py`` times the worst case).
MAX_SLOTS = 3
_WORD = r"[\w'’-]++"
_EN_SLOT = rf"(?P<{{name}}>{_WORD}(?:\s++{_WORD}){{{{0,2}}}}?)"
_JA_SLOT = r"(?P<{name}>[^\s、。,.!?！？「」『』]{{1,12}}?)"


def _english_forms(word: str) -> str:
    """A regular English word in its usual forms (plural, -ed, -ing, -s)."""
    escaped = re.escape(word)
    if not re.fullmatch(r"[a-z]+", word) or len(word) < 3:
        return escaped
    if word.endswith("e"):
        return re.escape(word[:-1]) + "(?:e|es|ed|ing)"
    if word.endswith("y") and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies|ied|ying)"
    return escaped + f"(?:{re.escape(word[-1])}?(?:s|es|ed|ing))?"


def _japanese_forms(word: str) -> str:
    """A Japanese phrase whose last word is a verb in its dictionary form, in every form."""
    if word.endswith("する"):
        return re.escape(word[:-2]) + "[しさせす]"
    last, before = word[-1:], word[-2:-1]
    if last not in _GODAN or not before or not _JAPANESE.match(before):
        return re.escape(word)
    if last == "る" and before in _E_I_ROW:
        return re.escape(word[:-1])  # 伝える: 伝え, 伝えて, 伝えたい... (and any る verb)
    if last == "る" and not _KANA.match(before):  # 謝る (謝って) or 見る (見て): either kind
        return re.escape(word[:-1]) + "[らりるれろっなまてたよさず]"
    return re.escape(word[:-1]) + f"[{_GODAN[last]}]"


def _piece(text: str, *, first: bool) -> str:
    if _JAPANESE.search(text):
        return _japanese_forms(text)
    words = text.split()
    if not words:
        return ""
    head = _english_forms(words[0]) if first else re.escape(words[0])
    return r"\s++".join([head, *(re.escape(w) for w in words[1:])])


@lru_cache(maxsize=2048)
def pattern(phrase: str) -> re.Pattern[str]:
    """The pattern of one phrase of a check (see the module's description)."""
    folded = normalize(phrase)
    if folded == "#":
        return re.compile(r"[0-9]")
    japanese = bool(_JAPANESE.search(folded))
    pieces = [p.strip() for p in folded.split(SLOT)]
    joiner = "" if japanese else r"\s++"
    segments = [_piece(pieces[0], first=True)] if pieces[0] else []
    for index, piece in enumerate(pieces[1:], start=1):  # the first "…" is who a match is about
        name = "slot" if index == 1 else f"slot{index}"
        segment = (_JA_SLOT if japanese else _EN_SLOT).format(name=name)
        if piece:
            segment += joiner + _piece(piece, first=japanese)
        segments.append(f"(?>{segment})" if index < len(pieces) - 1 else segment)
    body = joiner.join(segments)
    start = ""
    if folded.startswith(SLOT) and not japanese:  # a slot begins at a word's beginning only
        start = r"(?<![\w'’-])"
    elif _LATIN.match(folded):
        start = r"(?<![a-z0-9])"
    end = r"(?![a-z0-9])" if _LATIN.search(folded[-1:]) else ""
    return re.compile(start + body + end)


def slot_count(phrase: str) -> int:
    """How many ``…`` slots a phrase of a check has."""
    return normalize(phrase).count(SLOT)


def _someone_else(match: re.Match[str], partner: str) -> bool:
    """Whether the ``…`` of a match names someone other than the two of you."""
    slot = match.groupdict().get("slot")
    if slot is None:
        return True
    slot = slot.strip()
    first = slot.split()[0] if slot.split() else slot
    if slot in _NOT_SOMEONE or (first in _ARTICLES and len(slot.split()) == 1):
        return False
    if first in _NOT_SOMEONE and first not in {"him", "her"}:  # "a long talk", "the kids"
        return False
    if not partner:
        return True
    if _JAPANESE.search(slot):
        return not slot.endswith(partner)
    words, named = slot.split(), partner.split()
    return words[-len(named) :] != named


def _spans(text: str, phrases: list[str], partner: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for phrase in phrases
        for m in pattern(phrase).finditer(text)
        if _someone_else(m, partner)
    ]


def check_hits(text: str, check: Check, partner: str = "") -> bool:
    """Whether ``text`` (a commitment) is a hit of ``check``."""
    folded = normalize(text)
    if not folded:
        return False
    if check.missing and not _spans(folded, check.missing, partner):
        return True
    found = _spans(folded, check.words, partner)
    if not found:
        return False
    excused = _spans(folded, check.unless, partner) if check.unless else []
    return any(not any(a <= s and e <= b for a, b in excused) for s, e in found)


def matching_checks(
    text: str, checks: list[Check], partner: str = "", toward: str = "partner"
) -> list[Check]:
    """The checks that ``text``, a commitment made to ``toward``, is a hit of; ``partner`` is
    how the user refers to their partner (never taken for someone else)."""
    folded_partner = normalize(partner)
    return [
        check
        for check in checks
        if check.toward in (None, toward) and check_hits(text, check, folded_partner)
    ]
