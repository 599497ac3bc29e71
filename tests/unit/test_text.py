"""Unit tests of text.py: cleaning typed text, showing it safely, joining wrapped lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustcoach.text import cell_width, clean_input, columns, pad, reflow, visible

# ---------------------------------------------------------------------------------------------
# clean_input
# ---------------------------------------------------------------------------------------------


def test_clean_input_turns_escaped_bytes_into_replacement_character() -> None:
    # What a surrogateescape stdin gives for the byte 0xE9 (Latin-1 "é" in a UTF-8 session).
    assert clean_input("Ren\udce9e") == "Ren\ufffde"
    assert clean_input("\udcff\udcfe") == "\ufffd\ufffd"  # never valid in UTF-8


def test_clean_input_keeps_ordinary_text() -> None:
    text = "日本語 😀 [bold] \\ \x1b[31m \t"
    assert clean_input(text) == text


def test_clean_input_reassembles_split_utf8_bytes() -> None:
    """Valid UTF-8 bytes that arrived escaped are decoded, not replaced."""
    escaped = "あ".encode().decode("utf-8", "surrogateescape")
    assert clean_input("x" + escaped) == "xあ"


@pytest.mark.parametrize("raw", ["\ud800", "\udc00", "a\ud83db"])
def test_clean_input_other_lone_surrogates_become_replacement(raw: str) -> None:
    assert clean_input(raw) == raw.replace(raw.strip("ab"), "\ufffd")


def test_clean_input_mixed_surrogates_do_not_crash() -> None:
    cleaned = clean_input("\udce9\ud800")
    cleaned.encode("utf-8")  # storable
    assert "\ufffd" in cleaned


# ---------------------------------------------------------------------------------------------
# visible and reflow
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred", "\\x1b[31mred"),
        ("bell\x07", "bell\\x07"),
        ("nul\x00", "nul\\x00"),
        ("del\x7f", "del\\x7f"),
        ("csi\x9b", "csi\\x9b"),
        ("cr\rline", "cr\\x0dline"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("isolate\u2066x\u2069", "isolate\\u2066x\\u2069"),
        ("sep\u2028x", "sep\\u2028x"),
    ],
)
def test_visible_shows_control_characters_as_escapes(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_visible_keeps_text_tabs_newlines_and_brackets() -> None:
    text = "日本語 😀\ttab\nnew line [bold] [/] :smile: \\ é"
    assert visible(text) == text


def test_reflow_joins_wrapped_lines() -> None:
    assert reflow("one line\nwrapped here") == "one line wrapped here"
    assert reflow("日本語の文が\n折り返されています。") == "日本語の文が折り返されています。"
    assert reflow("Mixed 日本語\ntext") == "Mixed 日本語text"


def test_reflow_keeps_paragraphs_and_list_items() -> None:
    text = "\nFirst para\ncontinues.\n\nSecond:\n- item one\n- item two\n・項目\n"
    assert reflow(text) == "First para continues.\n\nSecond:\n- item one\n- item two\n・項目"


def test_reflow_treats_whitespace_only_lines_as_paragraph_breaks() -> None:
    assert reflow("a\n \t\nb") == "a\n\nb"
    assert reflow("あ\n\u3000\nい") == "あ\n\nい"
    assert reflow("  indented\n   lines  ") == "indented lines"


# ---------------------------------------------------------------------------------------------
# columns and pad
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("2/2", 3),
        ("not yet", 7),
        ("まだ", 4),
        ("a約束b", 6),
        ("e\u0301", 1),  # a combining accent takes no cell
        ("\u200b", 0),
    ],
)
def test_columns_counts_terminal_cells(text: str, expected: int) -> None:
    assert columns(text) == expected


@given(st.text())
def test_columns_is_the_sum_of_each_characters_cells(text: str) -> None:
    """The ASCII shortcut gives what counting cell by cell gives, for any text."""
    assert columns(text) == sum(cell_width(ch) for ch in text)


@given(st.text(), st.integers(min_value=0, max_value=40), st.booleans())
def test_pad_fills_to_the_width_in_cells(text: str, width: int, right: bool) -> None:
    padded = pad(text, width, right=right)
    assert padded.strip(" ") == text.strip(" ")
    assert columns(padded) == max(width, columns(text))
    assert padded.startswith(text) if not right else padded.endswith(text)
    assert pad("まだ", 6) == "まだ  " and pad("1/2", 6, right=True) == "   1/2"


def test_reflow_ends_lines_only_at_line_feeds() -> None:
    """U+0085 and U+2028 are characters of the text, not line ends: none is lost or turned
    into a space (``visible`` shows them as escapes later); CRLF lines join as LF lines do."""
    text = "How should the\x85questions\u2028refer\nto your partner?"
    assert reflow(text) == "How should the\x85questions\u2028refer to your partner?"
    assert reflow("a\r\nb\r\n\r\nc") == reflow("a\nb\n\nc") == "a b\n\nc"
    assert reflow("\n  一行目の\n  二行目\n\n- x\n- y\n") == "一行目の二行目\n\n- x\n- y"
