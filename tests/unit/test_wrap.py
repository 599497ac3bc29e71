"""Unit tests of wrap.py: lines that fit the terminal in display cells, broken where a Japanese
or English reader expects, by the kinsoku rules, with nothing lost.

"Joined again" is defined in ``wrap.wrap_paragraph``: each piece's text followed by the spaces
that stood at its break gives back the paragraph, and the printed lines are those texts, the
lines after the first indented by the hanging indent.
"""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from trustcoach.text import columns, is_wide
from trustcoach.wrap import NO_END, NO_START, Wrapped, wrap, wrap_paragraph

# ---------------------------------------------------------------------------------------------
# Mixed Japanese and English text, as people write it
# ---------------------------------------------------------------------------------------------

WORDS_JA = [
    "自分", "対", "約束", "信頼", "パートナー", "スマートフォン", "ちょっと", "コーヒー",
    "守れなかった", "言葉を", "信じられるか", "振り返り", "きょう", "話しています",
    "一緒に", "夕食後", "二十二時まで", "別の部屋に", "置いておく", "ありがとうございました",
]
HIRAGANA = (
    "あいうえおかきくけこさしすせそたちつてとなにぬねの"
    "はひふへほまみむめもやゆよらりるれろわをん"
)
KANJI = "自分言葉信頼約束守時間夕食家部屋話今日明日週末仕事帰連絡"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/'"
ENGLISH = st.text(alphabet=LATIN, min_size=1, max_size=14)
LONG_ENGLISH = st.text(alphabet="abcdefghijklmnopqrstuvwxyz/", min_size=30, max_size=140)
JAPANESE = st.one_of(
    st.sampled_from(WORDS_JA),
    st.text(alphabet=HIRAGANA + KANJI, min_size=1, max_size=8),
)
# A whole run of joined numbers with spaces (or the text's ends) around it
JOINED_RUN = r"(?<![^ ])(?<![→/] )(?:\d+|…|-)(?: [→/] (?:\d+|-))+(?![^ ])(?! [→/])"
PAIRS = ["60 → 40", "6 / 10", "… → 3 → 4 → 10", "- → 70", "25 → 34 → 31 → 48 → 55 → 66"]
CLOSING = st.sampled_from(["。", "、", "」", "』", "）", "。」", "」。", "・", "：", "！", "？"])
OPENING = st.sampled_from(["「", "『", "（", "「『"])


@st.composite
def token(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    if kind <= 4:
        word = draw(JAPANESE)
    elif kind <= 7:
        word = draw(ENGLISH)
    elif kind == 8:
        word = draw(LONG_ENGLISH)
    else:
        word = draw(st.sampled_from(["自分 対 自分", "2026-12-08", "trustcoach resume ID", *PAIRS]))
    if draw(st.integers(0, 3)) == 0:
        word = draw(OPENING) + word
    if draw(st.integers(0, 2)) == 0:
        word += draw(CLOSING)
    return word + draw(st.sampled_from(["", "", "", " ", " ", "  "]))


LEADS = st.sampled_from(
    ["", "", "  ", "  - ", "  • ", "・", "    1. ", "問題なし  ", "label:    "]
)
MIXED = st.builds(
    lambda lead, tokens: lead + "".join(tokens), LEADS, st.lists(token(), max_size=40)
)
WIDTHS = st.integers(min_value=20, max_value=120)


def joined(wrapped: Wrapped) -> str:
    return "".join(piece.text + piece.gap for piece in wrapped.pieces)


def word_around(text: str, at: int) -> str:
    """The run of Latin characters that ``at`` lies inside, with the brackets and marks that
    may not be separated from it."""

    def inside(char: str) -> bool:
        return char != " " and (not is_wide(char) or char in NO_START or char in NO_END)

    start, end = at, at
    while start > 0 and inside(text[start - 1]):
        start -= 1
    while end < len(text) and inside(text[end]):
        end += 1
    return text[start:end]


@settings(max_examples=400, deadline=None)
@given(MIXED, WIDTHS)
def test_mixed_text_fits_breaks_by_the_rules_and_joins_back(text: str, width: int) -> None:
    wrapped = wrap_paragraph(text, width)
    lines = wrapped.lines()
    assert joined(wrapped) == text
    assert all(set(piece.gap) <= {" "} for piece in wrapped.pieces)
    assert lines == wrap(text, width).split("\n")
    for line in lines:
        assert columns(line) <= width, (line, width)
    for number, piece in enumerate(wrapped.pieces):
        if number > 0:  # (a trend may start a line with its "…": earlier values left out)
            trend = re.match(r"… [→/] \d", piece.text)
            assert piece.text[:1] not in NO_START or trend, (lines, width)
            assert piece.text[:1] not in (" ", "")
        if number < len(wrapped.pieces) - 1:
            assert piece.text[-1:] not in NO_END, (lines, width)
    # A Latin word is cut only when it is wider than any line can hold.
    at = 0
    for piece in wrapped.pieces[:-1]:
        at += len(piece.text)
        if not piece.gap and not is_wide(text[at - 1]) and not is_wide(text[at]):
            assert columns(word_around(text, at)) > width - wrapped.indent, (lines, width)
        at += len(piece.gap)


@settings(max_examples=300, deadline=None)
@given(MIXED, WIDTHS, st.integers(0, 4))
def test_numbers_joined_by_an_arrow_or_a_slash_stay_on_one_line(
    text: str, width: int, hang: int
) -> None:
    """A pair or trend between spaces that fits a line is never broken across two (a wider
    one may be, at its spaces); and a hang changes only the indentation."""
    wrapped = wrap_paragraph(text, width, hang=hang)
    assert joined(wrapped) == text
    assert all(columns(line) <= width for line in wrapped.lines())
    ends, at = [], 0
    for piece in wrapped.pieces[:-1]:
        at += len(piece.text)
        ends.append(at)
        at += len(piece.gap)
    for run in re.finditer(JOINED_RUN, text):
        if columns(run.group()) <= width - wrapped.indent:
            assert not [end for end in ends if run.start() < end < run.end()], (run, width)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\n\t")),
       WIDTHS)
def test_any_text_fits_and_joins_back(text: str, width: int) -> None:
    wrapped = wrap_paragraph(text, width)
    assert joined(wrapped) == text
    assert all(columns(line) <= width for line in wrapped.lines())


@given(st.lists(MIXED, max_size=4), WIDTHS)
def test_every_line_of_a_text_is_wrapped_on_its_own(paragraphs: list[str], width: int) -> None:
    text = "\n".join(paragraphs)
    expected = [line for p in paragraphs for line in wrap_paragraph(p, width).lines()]
    assert wrap(text, width).split("\n") == (expected or [""])


# ---------------------------------------------------------------------------------------------
# What a reader sees
# ---------------------------------------------------------------------------------------------


def test_japanese_breaks_between_phrases_never_inside_a_word() -> None:
    text = (
        "今日の時点で、自分の言葉をどのくらい信頼できていますか。"
        "パートナーからの信頼も考えます。"
    )
    lines = wrap(text, 34).split("\n")
    assert lines == [
        "今日の時点で、自分の言葉をどの",
        "くらい信頼できていますか。",
        "パートナーからの信頼も考えます。",
    ]


def test_jibun_tai_jibun_stays_together_when_another_break_fits() -> None:
    text = "ステップ1 / 5 · 自分 対 自分：自分の言葉を信じられるか"
    for width in range(24, 60):
        lines = wrap(text, width).split("\n")
        assert any("自分 対 自分" in line for line in lines), (width, lines)


def test_no_line_starts_with_closing_marks_or_small_kana() -> None:
    text = "回答を入力してEnterを押してください。Enterだけなら「パートナー」になります。"
    for width in range(20, 80):
        for line in wrap(text, width).split("\n")[1:]:
            assert line[0] not in "。、」』）ーャッ", (width, line)


def test_wrapped_bullets_and_table_cells_stay_aligned() -> None:
    bullet = (
        "  - 平日の夕食後、家で、二十二時までスマートフォンを別の部屋に置いておく"
        "（期日 2026-12-08）"
    )
    assert wrap(bullet, 40).split("\n") == [
        "  - 平日の夕食後、家で、二十二時まで",
        "    スマートフォンを別の部屋に置いておく",
        "    （期日 2026-12-08）",
    ]
    cell = "要対応    /tmp/home/journals/x.toml は中断された保存の残りです（削除して構いません）"
    lines = wrap(cell, 44).split("\n")
    assert len(lines) > 1
    assert all(line.startswith(" " * 10) and line[10] != " " for line in lines[1:])


def test_english_breaks_at_spaces_and_a_long_path_is_cut_not_cropped() -> None:
    path = "/home/someone/.local/share/trustcoach/journals/20261126-214305-a3f9.toml"
    text = f"Saved in: {path}"
    lines = wrap(text, 30).split("\n")
    assert lines[0] == "Saved in:"
    assert "".join(lines[1:]) == path


def test_english_text_is_wrapped_without_budoux() -> None:
    """BudouX is imported only for text with Japanese in it (it costs about 10 ms)."""
    code = (
        "import sys; from trustcoach.wrap import wrap; "
        "wrap('An English sentence long enough to be wrapped at least once.', 20); "
        "assert 'budoux' not in sys.modules; "
        "wrap('日本語の文章を折り返すときだけ読み込みます。', 20); "
        "assert 'budoux' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_number_pair_moves_to_the_next_line_whole() -> None:
    belief = "  • 誤解1：一度失った信頼は、もう戻らない：60 → 40（前回：50 → 40）"
    assert wrap(belief, 60).split("\n") == [
        "  • 誤解1：一度失った信頼は、もう戻らない：60 → 40",
        "    （前回：50 → 40）",
    ]
    english = '  • Misconception 3: "Someone else can fix it": 30 → 20 (last time: 20 → 10)'
    for width in range(30, 90):
        for line in wrap(english, width).split("\n"):
            assert not re.search(r"\d [→/]$|^\s*[→/] \d", line), (width, line)
    assert wrap("Self-trust: 6 / 10", 16).split("\n") == ["Self-trust:", "6 / 10"]


def test_a_trend_may_start_a_line_with_its_ellipsis() -> None:
    line = "  振り返りごとの推移：… → 25 → 34 → 31 → 48 → 55 → 66 → 70 → 100"
    assert wrap(line, 60, hang=2).split("\n") == [
        "  振り返りごとの推移：",
        "    … → 25 → 34 → 31 → 48 → 55 → 66 → 70 → 100",
    ]
    # A trend wider than a whole line is broken at its spaces, never inside a number.
    long = "trend: " + " → ".join(str(n) for n in range(10, 40))
    lines = wrap(long, 30).split("\n")
    assert all(columns(line) <= 30 for line in lines)
    assert " ".join(lines).split() == long.split()


def test_a_hang_indents_only_the_wrapped_lines_of_an_indented_line_without_bullet() -> None:
    text = "  the session before (2026-12-08): self-trust 5 / 10, partner's trust 3 / 10"
    assert wrap(text, 60, hang=2).split("\n") == [
        "  the session before (2026-12-08): self-trust 5 / 10,",
        "    partner's trust 3 / 10",
    ]
    assert wrap(text, 60).split("\n")[1] == "  partner's trust 3 / 10"  # no hang asked
    bullet = "  - Cook Alex's favourite dish on Saturday evening with the whole family"
    assert wrap(bullet, 40, hang=2).split("\n")[1].startswith("    ")  # under the bullet
    plain = wrap("A paragraph that is not indented at all, long enough", 20, hang=2)
    assert [line for line in plain.split("\n") if line.startswith(" ")] == []


def test_a_number_keeps_its_word_and_a_short_aside_stays_whole_when_they_can() -> None:
    cases = {
        "  - 週末の土曜日の夕方に、夫の好きな料理を一品つくる（期日 2026-12-22）": [
            "  - 週末の土曜日の夕方に、夫の好きな料理を一品つくる",
            "    （期日 2026-12-22）",
        ],
        "  - Cook Alex's favourite dish on Saturday evening (by 2026-12-22)": [
            "  - Cook Alex's favourite dish on Saturday evening",
            "    (by 2026-12-22)",
        ],
        "  • Partner's trust (my estimate): 5 / 10 (last time: 4 / 10)": [
            "  • Partner's trust (my estimate): 5 / 10",
            "    (last time: 4 / 10)",
        ],
        "  • パートナーからの信頼（自分の見立て）：4 / 10（前回と同じ）": [
            "  • パートナーからの信頼（自分の見立て）：4 / 10",
            "    （前回と同じ）",
        ],
    }
    for text, lines in cases.items():
        assert wrap(text, 60).split("\n") == lines
    assert wrap("1 kept, 1 partly kept, 1 not kept", 26).split("\n") == [
        "1 kept, 1 partly kept,",
        "1 not kept",
    ]


def test_a_command_to_type_moves_to_the_next_line_whole() -> None:
    """One copied line runs what it says: no break between the program and its command."""
    program = "/home/yuki/.local/bin/trustcoach"
    hint = f"* は途中のセッションです。{program} resume ID で続きから再開できます。"
    lines = wrap(hint, 60).split("\n")
    assert any(f"{program} resume ID" in line for line in lines), lines
    command = f"{program} checkin --yesterday"
    for width in range(len(command), 100):
        text = f"If you missed yesterday, run {command} now."
        assert any(command in line for line in wrap(text, width).split("\n")), width
    # A command wider than a whole line is still broken, at its spaces.
    long = f"  {program} resume 20261112-210000-3764"
    assert wrap(long, 45).split("\n") == [f"  {program} resume", "  20261112-210000-3764"]
    # Words after the program that are not a command of it break as any words do.
    assert wrap("trustcoach keeps your words on this computer", 20).split("\n") == [
        "trustcoach keeps",
        "your words on this",
        "computer",
    ]


def test_the_commands_wrap_knows_are_the_programs() -> None:
    import typer.main

    from trustcoach.cli.app import make_app
    from trustcoach.wrap import COMMANDS

    commands = typer.main.get_command(make_app()).commands  # type: ignore[attr-defined]
    assert sorted(COMMANDS) == sorted(commands)


def test_a_line_may_end_after_japanese_punctuation_before_a_path() -> None:
    """BudouX sees no phrase boundary between 「：」 and the Latin word after it: the line may
    still end there, so a table's label does not stand alone above a long path."""
    path = "/tmp/dmg/home/journals/20261105-120000-dead.toml"
    row = f"要対応    {path}：TOMLとして正しくありません（2行目、27文字目）"
    lines = wrap(row, 60).split("\n")
    assert lines[0] == f"要対応    {path}："
    assert all(columns(line) <= 60 for line in lines)
    assert not any(line.lstrip()[:1] in NO_START for line in lines[1:])
