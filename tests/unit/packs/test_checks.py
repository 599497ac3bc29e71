"""Unit tests of packs/checks.py: the checks of the built-in packs, which are their data.

The table holds real phrasings, both ways: commitments a check must catch (conjugated Japanese
verbs, English phrases with someone in them: "get my brother to talk to him") and commitments
it must leave alone (telling the truth, asking the partner how their day was).
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.support.packs import PACK_FILES, PACKS
from trustcoach.packs.checks import matching_checks, pattern
from trustcoach.packs.loading import load_pack_file

CHECKS = {lang: load_pack_file(path).pack.checks for lang, path in PACK_FILES.items()}
MISCONCEPTIONS = {lang: [c for c in checks if c.misconception] for lang, checks in CHECKS.items()}
PARTNER = {"en": "her", "ja": "夫"}

# (language, commitment, the misconception checks it is a hit of)
PHRASINGS = [
    ("en", "I will tell the truth when asked", []),
    ("en", "Ask him how his day was every evening", []),
    ("en", "I'll get my brother to talk to him", ["someone-else"]),
    ("en", "have my mum speak to her", ["someone-else"]),
    ("en", "Tell her I'm sorry every day", ["only-words"]),
    ("en", "Apologise again on Sunday", ["only-words"]),
    ("en", "Promised to send her a letter", ["only-words"]),
    ("en", "Text her when I'm running late", []),
    ("en", "Wash the dishes after dinner", []),
    ("en", "Have a long talk with her on Sunday", []),
    ("en", "Ask her to go for a walk with me", []),
    ("en", "Ask my sister to explain things to her", ["only-words", "someone-else"]),
    ("en", "Get our friend Tom to speak to her", ["someone-else"]),
    ("en", "I'll just give up on the arguments", ["giving-up"]),
    ("en", "I won't give up, I'll cook dinner on Friday", []),
    ("en", "Leave my phone on the table every evening", []),
    ("en", "Be home by 7 on weekdays", []),
    ("en", "Explaining myself again tonight", ["only-words"]),
    ("en", "Have her parents tell her I changed", ["only-words", "someone-else"]),
    ("en", "Convince her I have changed", ["only-words"]),
    ("en", "Send her messages every morning", ["only-words"]),
    ("en", "Let her know where I am when I go out", []),
    ("en", "Say no to after-work drinks on Fridays", []),
    ("en", "It is too late anyway, I'll do the laundry", ["giving-up"]),
    ("en", "Go to the hotel on time", []),
    ("en", "Tell him the truth about money when he asks", []),
    ("en", "Have lunch with her on Saturday", []),
    ("en", "Get the kids to bed at 8 so she can rest", []),
    ("en", "Ask a friend to put in a word for me", ["someone-else"]),
    ("en", "Write to her every night", ["only-words"]),
    ("en", "Reassure him that I'm done with it", ["only-words"]),
    ("en", "Had my cousin talk to her for me", ["someone-else"]),
    ("en", "Show my bank statement every Sunday", []),
    ("en", "Hotel booking", []),
    ("en", "Stella's intellectual hotel", []),  # "tell" inside other words
    ("en", "TELL Sam I'm sorry", ["only-words"]),  # case does not matter
    ("en", "ＴＥＬＬ Sam I'm sorry", ["only-words"]),  # nor full-width letters
    ("en", "Sayonara to late nights", []),  # "say" only as a whole word
    ("ja", "気まずくても本当のことを話す", []),
    ("ja", "謝ってから、気持ちをちゃんと伝えたい", ["only-words"]),
    ("ja", "ごめんねと言ってから寝る", ["only-words"]),
    ("ja", "友達に間に入ってもらう", ["someone-else"]),
    ("ja", "毎晩22時までに帰る", []),
    ("ja", "母から夫に伝えてもらう", ["only-words", "someone-else"]),
    ("ja", "義母に説得してもらう", ["only-words", "someone-else"]),
    ("ja", "共通の友人に頼んで、話を聞いてもらう", ["someone-else"]),
    ("ja", "夫に頼んで一緒に散歩する", []),
    ("ja", "毎朝、夫に手紙を書く", ["only-words"]),
    ("ja", "LINEで毎日謝ります", ["only-words"]),
    ("ja", "日曜の朝に一緒に散歩に行く", []),
    ("ja", "遅れるときは連絡する", []),
    ("ja", "言い訳をしないで、すぐに片づける", []),
    ("ja", "もう遅いけど、できることをする", ["giving-up"]),
    ("ja", "どうせ変わらないので、様子を見る", ["giving-up"]),
    ("ja", "諦めないで、毎週料理を作る", []),
    ("ja", "スマホを別の部屋に置いておく", []),
    ("ja", "正直に話して、家計簿を見せる", []),
    ("ja", "反省していると説明します", ["only-words"]),
    ("ja", "もう一度約束します", ["only-words"]),
    ("ja", "毎晩電話する", []),
    ("ja", "夫の話を最後まで聞く", []),
    ("ja", "兄から話してもらうつもり", ["only-words", "someone-else"]),
    ("ja", "申し訳ないと毎日伝えます", ["only-words"]),
    ("ja", "メッセージを送って気持ちを分かってもらう", ["only-words"]),
    ("ja", "週末は家族と過ごす", []),
    ("ja", "帰宅時間を守る", []),
    ("ja", "姉に頼んで、夫を説得してもらう", ["only-words", "someone-else"]),
    ("ja", "友人にとりなしてもらう", ["someone-else"]),
    ("ja", "謝罪の手紙を渡す", ["only-words"]),
    ("ja", "もうあきらめる", ["giving-up"]),
    ("ja", "夕食の片づけを毎日する", []),
    ("ja", "妻に説明する", ["only-words"]),
    ("ja", "毎日 LINE を送る", ["only-words"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PHRASINGS)
def test_misconception_checks_read_real_phrasings(
    lang: str, text: str, expected: list[str]
) -> None:
    found = matching_checks(text, MISCONCEPTIONS[lang], PARTNER[lang])
    assert sorted(check.id for check in found) == expected


def test_the_table_has_thirty_phrasings_each_way_in_each_language() -> None:
    hits = Counter(lang for lang, _, expected in PHRASINGS if expected)
    misses = Counter(lang for lang, _, expected in PHRASINGS if not expected)
    assert min(hits["en"] + misses["en"], hits["ja"] + misses["ja"]) >= 30
    assert min(hits.values()) >= 12 and min(misses.values()) >= 12


@pytest.mark.parametrize(
    ("lang", "text", "partner", "expected"),
    [
        ("en", "Ask Alex to talk to me on Sunday", "Alex", []),  # the partner by name
        ("en", "Ask Sam to talk to Alex for me", "Alex", ["someone-else"]),
        ("ja", "妻に頼んで一緒に料理する", "妻", []),
        ("ja", "姉に頼んで妻と話してもらう", "妻", ["only-words", "someone-else"]),
    ],
)
def test_someone_is_never_the_partner(
    lang: str, text: str, partner: str, expected: list[str]
) -> None:
    found = matching_checks(text, MISCONCEPTIONS[lang], partner)
    assert sorted(check.id for check in found) == expected


@pytest.mark.parametrize(
    ("lang", "text", "vague"),
    [
        ("en", "Be a better husband.", True),
        ("en", "Stop lying", True),
        ("en", "Be more patient every day", True),
        ("en", "Call at 7pm", False),
        ("en", "Walk after dinner", False),
        ("en", "Drink water daily", False),
        ("ja", "もっと優しくする", True),
        ("ja", "良い妻になる", True),
        ("ja", "毎晩十時に帰る", False),
        ("ja", "日曜の朝に散歩する", False),
    ],
)
def test_a_commitment_with_no_time_place_or_visible_action_is_asked_again(
    lang: str, text: str, vague: bool
) -> None:
    found = [c.id for c in matching_checks(text, CHECKS[lang], PARTNER[lang])]
    assert ("when-where" in found) is vague


def test_checks_of_the_partner_leave_promises_to_oneself_alone() -> None:
    text = "I will tell her I'm sorry every day"
    assert [c.id for c in matching_checks(text, CHECKS["en"], "", "partner")] == ["only-words"]
    assert [c.id for c in matching_checks(text, CHECKS["en"], "", "self")] == []


@pytest.mark.parametrize("text", ["毎日LINEを送る", "夜にLINEする"])
def test_latin_word_of_ja_pack_matches_inside_japanese_text(text: str) -> None:
    assert [check.id for check in matching_checks(text, MISCONCEPTIONS["ja"])] == ["only-words"]


def test_rules_are_the_pack_data() -> None:
    """Each check's words come from the pack file: each word alone (with someone in the place
    of "…") matches its own check."""
    someone = {"en": "my brother", "ja": "友達"}
    for lang, data in PACKS.items():
        for check in data["checks"]:
            for word in check.get("words", []):
                text = word.replace("…", someone[lang]).replace("#", "7")
                found = [c.id for c in matching_checks(f"x {text} x", CHECKS[lang])]
                assert check["id"] in found, (lang, word)


def test_patterns_are_compiled_when_a_commitment_is_checked_not_before() -> None:
    pattern.cache_clear()
    load_pack_file(PACK_FILES["en"])
    assert pattern.cache_info().currsize == 0
    matching_checks("Walk after dinner", CHECKS["en"])
    assert pattern.cache_info().currsize > 0
