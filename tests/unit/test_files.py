"""Unit tests of files.py: a TOML file that cannot be read is said in the reader's language."""

from __future__ import annotations

import pytest

from trustcoach.catalog.say import tell
from trustcoach.files import TomlReadError, read_toml

# What a file edited by hand most often gets wrong, and the parser's own words for it.
BROKEN = [
    (b'a = "x\nb = 1\n', "Illegal character '\\n'"),
    (b"a = \"x", "Unterminated string"),
    (b"a = x\n", "Invalid value"),
    (b"a = 1\na = 2\n", "Cannot overwrite a value"),
    (b"[t]\n[t]\n", "Cannot declare ('t',) twice"),
    (b"a = [1, 2\n", "Unclosed array"),
    (b"a = {b = 1\n", "Unclosed inline table"),
    (b"a 1\n", "Expected '=' after a key in a key/value pair"),
    (b"a = 1 b\n", "Expected newline or end of document after a statement"),
    (b"[a\n", "Expected ']' at the end of a table declaration"),
]
PARSER_WORDS = ("Illegal", "Unterminated", "Invalid", "Cannot", "Unclosed", "Expected =")


def refusal(raw: bytes) -> TomlReadError:
    with pytest.raises(TomlReadError) as caught:
        read_toml(raw)
    return caught.value


@pytest.mark.parametrize(("raw", "words"), BROKEN)
def test_english_says_the_parsers_own_words_at_the_line(raw: bytes, words: str) -> None:
    said = tell("en", refusal(raw).message)
    assert said.startswith("is not valid TOML at line ")
    assert said.endswith(f": {words}")


@pytest.mark.parametrize(("raw", "words"), BROKEN[:-1])
def test_japanese_says_the_common_reasons_in_japanese(raw: bytes, words: str) -> None:
    said = tell("ja", refusal(raw).message)
    assert said.startswith("TOMLとして正しくありません（")
    assert not any(word in said for word in PARSER_WORDS), said


def test_a_rare_reason_stays_in_the_parsers_words() -> None:
    said = tell("ja", refusal(BROKEN[-1][0]).message)
    assert "Expected ']' at the end of a table declaration" in said
