"""The catalog of words: one table per language with the same keys and placeholders, every key
used and every used key known, no language decided outside it, and the language chosen by
``--lang``, then ``TRUSTCOACH_LANG``, then the locale."""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
import tomli_w

from tests.support.answers import EN_ANSWERS
from tests.support.runner import run_cli
from trustcoach.catalog import en, ja
from trustcoach.catalog.keys import Key
from trustcoach.catalog.lang import choose_lang
from trustcoach.catalog.say import Message, Plural, say, typed_words
from trustcoach.errors import UsageError

SRC = Path(__file__).resolve().parents[2] / "src" / "trustcoach"
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


# ---------------------------------------------------------------------------------------------
# Saying things
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "english"),
    [
        (0, "0 answers were left out of this export."),
        (1, "1 answer was left out of this export."),
        (3, "3 answers were left out of this export."),
    ],
)
def test_plural_form_follows_the_count(count: int, english: str) -> None:
    assert say("en", "doc_left_out", count=count) == english
    japanese = f"{count}件の回答はこのエクスポートに含まれていません。"
    assert say("ja", "doc_left_out", count=count) == japanese


def test_a_message_inside_a_message_is_said_in_the_same_language_with_its_own_count() -> None:
    later = Message("review_scope_later", {"count": 1})
    assert say("en", "review_scope", count=2, later=later).startswith(
        "2 commitments are due for review, and 1 more is not due yet."
    )
    assert say("ja", "review_scope", count=2, later=later).startswith(
        "振り返りの時期が来た約束が2件、まだ期日前の約束が1件あります。"
    )


def test_a_list_is_joined_the_way_the_language_joins_lists() -> None:
    values = {"name": "x", "id": "i", "pack": "trust-repair", "known": ["self", "reviews"]}
    assert "the steps are self, reviews," in say("en", "select_unknown", **values)
    assert "ステップは self、reviews です" in say("ja", "select_unknown", **values)


def test_an_unknown_language_is_said_in_english() -> None:
    assert say("fr", "need_text") == say("en", "need_text")


def test_the_same_yes_and_no_words_in_every_language() -> None:
    yes, no = typed_words("typed_yes"), typed_words("typed_no")
    assert {"y", "yes", "ok", "はい", "うん"} <= yes
    assert {"n", "no", "いいえ"} <= no
    assert not yes & no


def test_a_lookup_imports_only_its_own_language() -> None:
    program = (
        "import sys; from trustcoach.catalog.say import say; say('en', 'yes'); "
        "print(sorted(m for m in sys.modules if m.startswith('trustcoach.catalog')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    loaded = ["trustcoach.catalog", "trustcoach.catalog.en", "trustcoach.catalog.say"]
    assert out.strip() == str(loaded)


# ---------------------------------------------------------------------------------------------
# Choosing the language
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def japanese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.delenv("TRUSTCOACH_LANG", raising=False)


@pytest.mark.usefixtures("japanese_locale")
def test_lang_option_comes_first_then_the_variable_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert choose_lang(None) == "ja"
    monkeypatch.setenv("TRUSTCOACH_LANG", "en")
    assert choose_lang(None) == "en"
    assert choose_lang("ja") == "ja"
    monkeypatch.delenv("TRUSTCOACH_LANG")
    assert choose_lang("en") == "en"


@pytest.mark.parametrize(
    ("lc_all", "lc_messages", "lang", "expected"),
    [
        (None, None, "ja_JP.UTF-8", "ja"),
        (None, "ja_JP.UTF-8", "C.UTF-8", "ja"),
        ("C.UTF-8", "ja_JP.UTF-8", "ja_JP.UTF-8", "en"),
        ("ja_JP.eucJP", None, "en_US.UTF-8", "ja"),
        (None, None, None, "en"),
        (None, None, "fr_FR.UTF-8", "en"),
    ],
)
def test_the_locale_decides_in_the_order_of_its_variables(
    monkeypatch: pytest.MonkeyPatch,
    lc_all: str | None,
    lc_messages: str | None,
    lang: str | None,
    expected: str,
) -> None:
    monkeypatch.delenv("TRUSTCOACH_LANG", raising=False)
    for name, value in (("LC_ALL", lc_all), ("LC_MESSAGES", lc_messages), ("LANG", lang)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert choose_lang(None) == expected


def test_a_language_trustcoach_does_not_speak_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(UsageError) as option:
        choose_lang("fr")
    assert option.value.message.key == "bad_lang_option"
    monkeypatch.setenv("TRUSTCOACH_LANG", "klingon")
    with pytest.raises(UsageError) as variable:
        choose_lang(None)
    assert variable.value.message.key == "bad_lang_env"
    result = run_cli("list")
    assert result.exit_code == 1
    assert result.stderr == (
        "trustcoach: TRUSTCOACH_LANG must be ja or en, not 'klingon'; change it or unset it\n"
    )


# ---------------------------------------------------------------------------------------------
# Errors in the language of the command
# ---------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("japanese_locale")
@pytest.mark.parametrize("ref", ["nosuch", "20991231-235959-abcd"])
def test_an_error_under_a_japanese_locale_is_one_japanese_sentence(ref: str) -> None:
    result = run_cli("show", ref)
    assert result.exit_code == 1
    assert result.stdout == ""
    line = result.stderr.removesuffix("\n")
    assert "\n" not in line
    assert line.startswith(f"trustcoach: 「{ref}」")
    assert line.endswith("。") and line.count("。") == 1, line
    assert "session" not in line


def test_the_same_error_in_english_is_unchanged() -> None:
    result = run_cli("show", "nosuch")
    assert result.exit_code == 1
    assert result.stderr == (
        "trustcoach: 'nosuch' is not a session id (like 20261126-140512-a3f9)\n"
    )


@pytest.mark.usefixtures("japanese_locale")
def test_the_problems_of_a_pack_are_listed_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('id = "bad"\nlang = "en"\nversion = "1"\ncolour = 1\n', "utf-8")
    result = run_cli("pack", "validate", str(path))
    assert result.exit_code == 1
    head, *problems = result.stderr.splitlines()
    assert head.startswith(f"trustcoach: {path}：パックに")
    assert head.endswith("件の問題があります。")
    unknown = "colour：不明なキー「colour」です（つづりを確かめてください）"
    assert f"  ・{path}:4：{unknown}" in problems
    assert f"  ・{path}：title：必要なキーがありません" in problems


def test_the_problems_of_an_answers_file_follow_the_session_language(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps({"answers": {**EN_ANSWERS, "self_trust": 11}}), "utf-8")
    result = run_cli("start", "--lang", "ja", "--answers", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "trustcoach: 1件の回答が足りないか正しくないため、何も保存していません。",
        "  ・answers.self_trust：1から10までの数字を入力してください。",
    ]


def test_a_quote_inside_japanese_quotes_is_shown_in_double_brackets() -> None:
    """Japanese nests 『』 inside 「」; a value put between 「」 by an entry is shown that way."""
    text = "「ごめん」と言う前に皿を洗う"
    assert say("ja", "quoted", text=text) == "「『ごめん』と言う前に皿を洗う」"
    assert say("ja", "review_again", text=text).startswith("「『ごめん』と言う前に")
    assert say("en", "quoted", text=text) == f"“{text}”"  # English quotes are left alone
    assert say("ja", "doc_review", text=text, outcome="守れた") == f"{text}：守れた"  # not quoted


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
