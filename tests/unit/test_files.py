"""Unit tests of files.py: a TOML file that cannot be read is said in the reader's language, and
the fast parser of the index reads what tomli reads."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.strategies import JOURNALS
from trustcoach.catalog.say import tell
from trustcoach.files import TomlReadError, read_toml
from trustcoach.journal.encoding import JournalWriter
from trustcoach.journal.model import Journal

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


# ---------------------------------------------------------------------------------------------
# The fast parser of the index
# ---------------------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """Parsed TOML with date-times as text, so that tomli's and rtoml's time zone classes
    compare by what they say."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, datetime | date | time):
        return (type(value).__name__, value.isoformat())
    return value


EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10_000),
        st.integers(min_value=0, max_value=4),
        st.sampled_from(['"', "'", "[", "]", "{", "}", "=", ",", "\n", "#", "\\", "\x00", "\t",
                         " ", "0", "T", "Z", ":", "-", "+", ".", "é", "日", "\ud7ff", '"""']),
    ),
    max_size=4,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(journal=JOURNALS, edits=EDITS)
def test_the_fast_parser_of_the_index_agrees_with_tomli(
    journal: Journal, edits: list[tuple[int, int, str]]
) -> None:
    """The index rebuild reads journals with rtoml (about four times faster), everything else
    with tomli: on journals and on hand edits of them, both accept and refuse the same texts and
    read the same values, so list and show never disagree about a file."""
    from trustcoach.files import read_toml_fast

    text = JournalWriter().encode(journal).decode()
    for offset, remove, insert in edits:
        at = offset % (len(text) + 1)
        text = text[:at] + insert + text[at + remove :]
    raw = text.encode("utf-8", "surrogatepass")
    try:
        expected = plain(read_toml(raw))
    except TomlReadError:
        expected = None
    fast = read_toml_fast(raw)
    assert (plain(fast) if fast is not None else None) == expected
