"""Unit tests of packs/checks.py: the misconception checks of the built-in packs, which are
their data (each word of a check matches that check)."""

from __future__ import annotations

import pytest

from tests.helpers import PACK_FILES, PACKS
from trustcoach.packs.checks import matching_checks
from trustcoach.packs.loading import load_pack_file

CHECKS = {lang: load_pack_file(path).pack.checks for lang, path in PACK_FILES.items()}


# ---------------------------------------------------------------------------------------------
# The rules of the built-in packs
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "I will tell her I'm sorry every day", ["only-words"]),
        ("en", "Ask her sister to talk to her", ["someone-else"]),
        ("en", "After dinner I will wash the dishes", []),
        ("en", "Hotel booking", []),
        ("en", "Stella's intellectual hotel", []),  # "tell" inside other words
        ("en", "TELL Sam the truth", ["only-words"]),  # case does not matter
        ("en", "ＴＥＬＬ Sam the truth", ["only-words"]),  # nor full-width letters
        ("en", "Ask her sister to tell her", ["only-words", "someone-else"]),
        ("en", "Convince him that I changed", ["someone-else"]),
        ("en", "It is too late, but I will cook", ["giving-up"]),
        ("en", "Sayonara to late nights", []),  # "say" only as a whole word
        ("ja", "妻に説明する", ["only-words"]),
        ("ja", "義姉に頼んで話してもらう", ["someone-else"]),
        ("ja", "毎晩スマホを別の部屋に置く", []),
        ("ja", "どうせ無理だけど料理する", ["giving-up"]),
        ("ja", "毎日 LINE を送る", ["only-words"]),
    ],
)
def test_pack_checks_match_commitments(lang: str, text: str, expected: list[str]) -> None:
    assert [check.id for check in matching_checks(text, CHECKS[lang])] == expected


@pytest.mark.parametrize("text", ["毎日LINEを送る", "夜にLINEする"])
def test_latin_word_of_ja_pack_matches_inside_japanese_text(text: str) -> None:
    assert [check.id for check in matching_checks(text, CHECKS["ja"])] == ["only-words"]


def test_rules_are_the_pack_data() -> None:
    """Each check's words come from the pack file: each word alone matches its own check."""
    for lang, data in PACKS.items():
        for check in data["checks"]:
            for word in check["words"]:
                found = [c.id for c in matching_checks(f"x {word} x", CHECKS[lang])]
                assert check["id"] in found, (lang, word)
