"""Counselor features: own packs (init, edit, validate), sharing choices, the progress report.

A counselor copies the default pack with ``pack init``, edits the copy as text (a new question,
their name and contact, local resources), checks it with ``pack validate`` and hands it to a
client. The client runs it, then exports only what they choose; the counselor may receive a
report over several sessions. Every check here is made on what the user sees or what is written.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from markdown_it import MarkdownIt

from conftest import REPO, TEXT_QUESTIONS, Result, run_cli, tagged_answers, token
from trustcoach.cli import common as cli

NAME = "my-practice"
LANGS = ("ja", "en")

BUILTIN = {
    lang: tomli.loads((REPO / "prompts" / lang / "trust-repair.toml").read_text("utf-8"))
    for lang in LANGS
}
# step id -> its question ids, in order (the same in both languages: a contract)
STEPS: dict[str, list[str]] = {
    step["id"]: [q["id"] for q in step["questions"]] for step in BUILTIN["en"]["steps"]
}
ALL_QUESTIONS = [q for qs in STEPS.values() for q in qs]
PROMPTS = {q["id"]: q["prompt"] for step in BUILTIN["en"]["steps"] for q in step["questions"]}

# What the counselor adds and writes
SLEEP_PROMPT = {"en": "How well did you sleep this week?", "ja": "この一週間、よく眠れましたか。"}
NEW_SELF_VIEW = {
    "en": "In your own words, how reliable is your word to yourself right now?",
    "ja": "今の自分は、自分との約束をどのくらい守れていると思いますか。",
}
NEW_TITLE = {"en": "Homework from Riverside", "ja": "リバーサイド相談室の宿題"}
COUNSELOR = {
    "en": ("Riverside Practice", "riverside@example.org", "Take your time; see you Thursday."),
    "ja": ("川辺相談室", "kawabe@example.org", "木曜日の面談でお話ししましょう。"),
}
RESOURCES = {
    "en": ["Riverside crisis line: 0120-111-222 (24 h)", "City family centre: 03-0000-1111"],
    "ja": ["川辺市こころの相談: 0120-333-444（24時間）", "市の家族相談センター: 03-2222-3333"],
}


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def pack_file(home: Path, lang: str, name: str = NAME) -> Path:
    return home / "packs" / lang / f"{name}.toml"


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def refused(result: Result) -> str:
    """A user error: non-zero exit, one line on stderr, no traceback; that line."""
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("trustcoach: "), result.stderr
    return lines[0]


def init(*args: str) -> None:
    ok(run_cli("pack", "init", NAME, *args))


def question_block(lang: str, qid: str = "sleep", kind: str = "rating") -> str:
    extra = "min = 1\nmax = 5\n" if kind == "rating" else ""
    return (
        f'[[steps.questions]]\nid = "{qid}"\nkind = "{kind}"\nlabel = "Sleep"\n'
        f'prompt = "{SLEEP_PROMPT[lang]}"\n{extra}share = false\n\n'
    )


def add_to_self_step(text: str, block: str) -> str:
    """Insert a question at the end of the ``self`` step (before the next step)."""
    marker = '[[steps]]\nid = "myth-never"'
    assert text.count(marker) == 1
    return text.replace(marker, block + marker)


def fill_counselor(text: str, lang: str) -> str:
    """Fill the commented-out [counselor] example at the end (or add the table if missing)."""
    name, contact, message = COUNSELOR[lang]
    example = text.find("\n# [counselor]\n")
    if example != -1:
        text = text[:example]
    block = f'[counselor]\nname = "{name}"\ncontact = "{contact}"\nmessage = """\n{message}"""\n'
    return text.rstrip("\n") + "\n\n" + block


def edit_like_a_counselor(path: Path, lang: str, *, sleep_kind: str = "rating") -> None:
    """The edits a counselor makes with a text editor."""
    text = path.read_text("utf-8")
    text = text.replace('version = "1.0.0"', 'version = "1.1"', 1)
    resources = "resources = " + json.dumps(RESOURCES[lang], ensure_ascii=False) + "\n"
    text = text.replace(f'id = "{NAME}"\n', f'id = "{NAME}"\n{resources}', 1)
    text, count = re.subn(
        r'^title = ".*"$', f'title = "{NEW_TITLE[lang]}"', text, count=1, flags=re.M
    )
    assert count == 1
    old_prompt = BUILTIN[lang]["steps"][0]["questions"][1]["prompt"]
    assert text.count(f'"{old_prompt}"') == 1
    text = text.replace(f'"{old_prompt}"', f'"{NEW_SELF_VIEW[lang]}"')
    text = add_to_self_step(text, question_block(lang, kind=sleep_kind))
    text = fill_counselor(text, lang)
    path.write_text(text, "utf-8")


def validate(path: Path) -> Result:
    return run_cli("pack", "validate", str(path))


def warnings_of(result: Result) -> list[str]:
    return [line.strip() for line in ok(result).splitlines() if line.strip().startswith("warning")]


def write_answers(
    path: Path, answers: dict[str, Any], reviews: dict[str, Any] | None = None
) -> Path:
    data: dict[str, Any] = {"answers": answers}
    if reviews:
        data["reviews"] = reviews
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def start_unattended(
    tmp_path: Path,
    mp: pytest.MonkeyPatch,
    when: str,
    answers: dict[str, Any],
    *args: str,
    reviews: dict[str, Any] | None = None,
) -> str:
    """One complete session through ``start --answers`` at a simulated time; its id."""
    mp.setenv("TRUSTCOACH_NOW", when)
    path = write_answers(tmp_path / f"answers-{when[:10]}.toml", answers, reviews)
    out = ok(run_cli("start", *args, "--answers", str(path)))
    found = re.search(r"(?:Session|セッション) (\S+) (?:is complete|を最後まで)", out)
    assert found, out
    return found.group(1)


def answers_for(tag: str, self_trust: int = 6, partner_trust: int = 3) -> dict[str, Any]:
    return tagged_answers(
        tag, partner=f"Rowan{tag}", self_trust=self_trust, partner_trust=partner_trust
    )


def strip_tags(markup: str) -> str:
    markup = re.sub(r"<style>.*?</style>", " ", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def plain_text(fmt: str, text: str) -> str:
    """What a reader of the export sees, as plain text."""
    if fmt == "md":
        return strip_tags(MarkdownIt("commonmark").enable("table").render(text))
    if fmt == "html":
        return strip_tags(text)

    def strings(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [str(value)]

    return "\n".join(strings(json.loads(text)))


def left_out_sentence(count: int) -> str:
    if count == 1:
        return "1 answer was left out of this export."
    return f"{count} answers were left out of this export."


@pytest.fixture
def release_stores() -> Any:
    """Completion helpers open stores outside ``main``; let their locks go afterwards."""
    yield
    cli.release_stores()


# ---------------------------------------------------------------------------------------------
# pack init
# ---------------------------------------------------------------------------------------------


def test_pack_init_copies_both_languages_with_a_guide(isolated_home: Path) -> None:
    out = ok(run_cli("pack", "init", NAME))
    for lang in LANGS:
        path = pack_file(isolated_home, lang)
        assert f"Created {path}" in out
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        text = path.read_text("utf-8")
        guide = text[: text.index(f'id = "{NAME}"')]
        assert guide.strip().startswith("#")
        assert all(line.startswith("#") or not line.strip() for line in guide.splitlines())
        for field_name in ("resources", "[counselor]", "contact", "share", "kind", "prompt"):
            assert field_name in guide, field_name
        assert f"trustcoach pack validate {path}" in guide
        data = tomli.loads(text)
        assert data["id"] == NAME
        assert data["lang"] == lang
        # the questions are those of the pack it was copied from
        copied = [[q["id"] for q in s["questions"]] for s in data["steps"]]
        assert copied == list(STEPS.values())
        checked = ok(validate(path))
        assert f"valid pack '{NAME}'" in checked
        assert "warning" not in checked
    listed = ok(run_cli("pack", "list"))
    mine = next(line for line in listed.splitlines() if line.startswith(NAME))
    assert "yours" in mine
    assert "en,ja" in mine


def test_pack_init_one_language(isolated_home: Path) -> None:
    init("--lang", "ja")
    assert pack_file(isolated_home, "ja").is_file()
    assert not pack_file(isolated_home, "en").exists()
    assert tomli.loads(pack_file(isolated_home, "ja").read_text("utf-8"))["lang"] == "ja"
    assert f"valid pack '{NAME}'" in ok(validate(pack_file(isolated_home, "ja")))


def test_pack_init_ends_with_a_commented_counselor_example(isolated_home: Path) -> None:
    init()
    for lang in LANGS:
        tail = pack_file(isolated_home, lang).read_text("utf-8").rstrip().splitlines()[-8:]
        assert "# [counselor]" in tail
        assert any(line.startswith("# name =") for line in tail)


def test_second_init_with_the_same_name_refuses(isolated_home: Path) -> None:
    init()
    path = pack_file(isolated_home, "ja")
    path.write_text(path.read_text("utf-8") + "\n# my own edit\n", "utf-8")
    before = path.read_bytes()
    line = refused(run_cli("pack", "init", NAME))
    assert "already exists" in line
    assert str(path) in line
    assert path.read_bytes() == before, "an edited copy was overwritten"


@pytest.mark.parametrize("bad", ["../x", "My Pack", "x/../../evil", ""])
def test_bad_pack_names_refuse(bad: str, isolated_home: Path, tmp_path: Path) -> None:
    line = refused(run_cli("pack", "init", bad))
    assert f"'{bad}'" in line
    assert "lowercase letters" in line
    assert not (isolated_home / "packs").exists()
    assert list(tmp_path.rglob("*.toml")) == []


# ---------------------------------------------------------------------------------------------
# Editing a copy as a counselor would
# ---------------------------------------------------------------------------------------------


def test_new_question_in_one_language_gives_a_mismatch_warning(isolated_home: Path) -> None:
    init()
    ja, en = pack_file(isolated_home, "ja"), pack_file(isolated_home, "en")
    edit_like_a_counselor(ja, "ja")
    warnings = warnings_of(validate(ja))
    assert any("'sleep'" in w and "missing from the en version" in w for w in warnings), warnings
    assert any("1.1" in w and "1.0.0" in w for w in warnings), warnings  # versions differ too
    # seen from the en file, the same disagreement
    assert any("'sleep'" in w and "ja version" in w for w in warnings_of(validate(en)))


def test_both_languages_edited_validate_without_warnings(isolated_home: Path) -> None:
    init()
    for lang in LANGS:
        edit_like_a_counselor(pack_file(isolated_home, lang), lang)
    for lang in LANGS:
        out = ok(validate(pack_file(isolated_home, lang)))
        assert f"valid pack '{NAME}' 1.1 ({lang}), 5 steps, 19 questions" in out
        assert "warning" not in out
    shown = json.loads(ok(run_cli("pack", "show", NAME, "--lang", "en", "--json")))
    sleep = shown["steps"][0]["questions"][-1]
    assert (sleep["id"], sleep["kind"], sleep["share"]) == ("sleep", "rating", False)
    assert shown["counselor"]["name"] == COUNSELOR["en"][0]
    assert shown["resources"] == RESOURCES["en"]


def test_session_with_the_counselor_pack_records_pack_and_new_answer(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init()
    for lang in LANGS:
        edit_like_a_counselor(pack_file(isolated_home, lang), lang)
    answers = {**answers_for("J"), "partner": "夫", "sleep": 2}
    session_id = start_unattended(
        tmp_path,
        monkeypatch,
        "2026-03-01T10:00:00+09:00",
        answers,
        "--pack",
        NAME,
        "--lang",
        "ja",
    )
    journal = tomli.loads((isolated_home / "journals" / f"{session_id}.toml").read_text("utf-8"))
    assert journal["pack"] == NAME
    assert journal["pack_version"] == "1.1"
    expected = hashlib.sha256(pack_file(isolated_home, "ja").read_bytes()).hexdigest()
    assert journal["pack_sha256"] == expected
    assert journal["lang"] == "ja"
    order = [a["question"] for a in journal["answers"]]
    assert order[: len(STEPS["self"]) + 1] == [*STEPS["self"], "sleep"]
    sleep = next(a for a in journal["answers"] if a["question"] == "sleep")
    assert (sleep["step"], sleep["kind"], sleep["value"]) == ("self", "rating", 2)
    assert sleep["prompt"] == SLEEP_PROMPT["ja"]
    self_view = next(a for a in journal["answers"] if a["question"] == "self_view")
    assert self_view["prompt"] == NEW_SELF_VIEW["ja"]  # the counselor's wording


def test_answers_file_without_the_new_question_is_refused(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init("--lang", "en")
    edit_like_a_counselor(pack_file(isolated_home, "en"), "en")
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-03-01T10:00:00+09:00")
    path = write_answers(tmp_path / "a.toml", answers_for("E"))
    result = run_cli("start", "--pack", NAME, "--lang", "en", "--answers", str(path))
    assert result.exit_code != 0
    assert "answers.sleep" in result.stderr
    assert list((isolated_home / "journals").glob("*.toml")) == []


@pytest.mark.parametrize("lang", LANGS)
def test_interactive_start_introduces_the_counselor_and_resources(
    lang: str, isolated_home: Path
) -> None:
    init()
    for each in LANGS:
        edit_like_a_counselor(pack_file(isolated_home, each), each)
    # piped input: the partner's name, then the input ends (saved; exit 130)
    result = run_cli("start", "--pack", NAME, "--lang", lang, input="Sam\n")
    assert result.exit_code == 130, result.stdout + result.stderr
    screen = result.stdout
    name, contact, message = COUNSELOR[lang]
    intro = screen[: screen.index(NEW_SELF_VIEW[lang][:12])]
    for expected in (NEW_TITLE[lang], name, contact, message, *RESOURCES[lang]):
        assert expected in intro, expected
    # the counselor and resources come with the introduction, before the first step
    assert intro.index(RESOURCES[lang][0]) < intro.index("Sam")


def test_interrupted_session_with_the_counselor_pack_resumes(isolated_home: Path) -> None:
    init("--lang", "en")
    edit_like_a_counselor(pack_file(isolated_home, "en"), "en")
    first = run_cli("start", "--pack", NAME, "--lang", "en", input="Sam\n")
    assert first.exit_code == 130
    assert "trustcoach resume" in first.stderr + first.stdout
    resumed = run_cli("resume", input="my view\n")
    assert resumed.exit_code == 130, resumed.stderr  # continues, then the input ends
    assert "Welcome back" in resumed.stdout
    journal = tomli.loads(next((isolated_home / "journals").glob("*.toml")).read_text("utf-8"))
    assert journal["pack"] == NAME
    assert [a["value"] for a in journal["answers"]] == ["Sam", "my view"]


def test_pack_id_unlike_its_file_name_does_not_strand_a_session(isolated_home: Path) -> None:
    init("--lang", "en")
    path = pack_file(isolated_home, "en")
    path.write_text(path.read_text("utf-8").replace(f'id = "{NAME}"', 'id = "renamed"', 1))
    started = run_cli("start", "--pack", NAME, "--lang", "en", input="Sam\n")
    if started.exit_code == 1:  # refusing before anything is saved would be fine too
        assert list((isolated_home / "journals").glob("*.toml")) == []
        return
    assert started.exit_code == 130
    resumed = run_cli("resume", input="")
    assert resumed.exit_code == 130, resumed.stderr
    assert "Welcome back" in resumed.stdout


def test_a_long_counselor_contact_is_shown_in_full(isolated_home: Path) -> None:
    init("--lang", "en")
    path = pack_file(isolated_home, "en")
    contact = "jane.example@riverside-counselling.example.org or 03-1234-5678"
    path.write_text(
        path.read_text("utf-8").rstrip()
        + '\n\n[counselor]\nname = "Dr. Jane Example, Riverside Couples Counselling"\n'
        + f'contact = "{contact}"\nmessage = "See you on Thursday."\n',
        "utf-8",
    )
    result = run_cli("start", "--pack", NAME, "--lang", "en", input="")
    flat = re.sub(r"[\s│╭╮╰╯─]+", " ", result.stdout)
    assert contact in flat


# ---------------------------------------------------------------------------------------------
# Broken packs: every problem with its place, one headline, no traceback
# ---------------------------------------------------------------------------------------------


def remove_question(text: str, qid: str) -> str:
    start = text.index(f'[[steps.questions]]\nid = "{qid}"')
    end = text.index("\n[[", start + 1)
    return text[:start] + text[end + 1 :]


def broken_pack(home: Path) -> tuple[Path, str]:
    init()
    path = pack_file(home, "en")
    return path, path.read_text("utf-8")


def problem_lines(result: Result, path: Path, count: int) -> list[str]:
    """Exit 1; a headline naming the file and the number of problems, then one line each."""
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    head, *rest = result.stderr.rstrip("\n").splitlines()
    noun = "problem" if count == 1 else "problems"
    assert head == f"trustcoach: {path}: the pack has {count} {noun}", head
    assert len(rest) == count, result.stderr
    assert all(line.startswith("  - ") for line in rest), result.stderr
    return [line[4:] for line in rest]


def test_toml_syntax_error_names_file_line_and_column(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    broken = text.replace('version = "1.0.0"', 'version = "1.0.0', 1)
    path.write_text(broken, "utf-8")
    bad_line = 'version = "1.0.0'
    line_no = broken.splitlines().index(bad_line) + 1
    message = refused(validate(path))
    assert message.startswith(f"trustcoach: {path}: is not valid TOML")
    # the string runs to the end of the line: the column just after its last character
    assert f"at line {line_no}, column {len(bad_line) + 1}" in message


def test_unknown_keys_are_listed_with_their_place(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace('kind = "rating"\nlabel = "Self-trust"', 'kind = "rating"\nlable = "x"', 1)
    text = text.replace(f'id = "{NAME}"\n', f'id = "{NAME}"\ncolour = "blue"\n', 1)
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 2)
    assert "steps[0].questions[2].lable: unknown key 'lable' (check its spelling)" in problems
    assert "colour: unknown key 'colour' (check its spelling)" in problems


def test_missing_and_empty_texts_are_listed(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace(f'prompt = "{PROMPTS["self_trust"]}"\n', "", 1)
    text = text.replace('title = "You and your own word"', 'title = ""', 1)
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 2)
    assert "steps[0].questions[2].prompt: this key is required but missing" in problems
    assert any(p.startswith("steps[0].title: ") for p in problems), problems


def test_blank_texts_are_listed(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace(f'prompt = "{PROMPTS["self_trust"]}"', 'prompt = "   "', 1)
    text = text.replace('title = "You and your own word"', 'title = " "', 1)
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 2)
    assert sorted(p.split(": ")[0] for p in problems) == [
        "steps[0].questions[2].prompt",
        "steps[0].title",
    ]


def test_placeholder_naming_no_question_is_an_error(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    path.write_text(text.replace(PROMPTS["self_trust"], "Do you trust {nope}?", 1), "utf-8")
    problems = problem_lines(validate(path), path, 1)
    assert problems == [
        "steps[0].questions[2].prompt: '{nope}' does not name any question of this pack"
    ]
    # and the pack cannot be run either
    result = run_cli("start", "--pack", NAME, "--lang", "en", input="")
    assert result.exit_code == 1
    assert "'{nope}'" in result.stderr


def test_placeholder_naming_a_later_question_is_a_warning(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    changed = PROMPTS["self_view"].replace("Right now,", "Right now ({partner_trust}),")
    path.write_text(text.replace(PROMPTS["self_view"], changed, 1), "utf-8")
    warnings = warnings_of(validate(path))
    assert warnings == [
        "warning: steps[0].questions[1].prompt: '{partner_trust}' names a question that is "
        "only answered later"
    ]


def test_different_kinds_in_ja_and_en_are_a_warning(isolated_home: Path) -> None:
    init()
    edit_like_a_counselor(pack_file(isolated_home, "ja"), "ja")
    edit_like_a_counselor(pack_file(isolated_home, "en"), "en", sleep_kind="text")
    warnings = warnings_of(validate(pack_file(isolated_home, "en")))
    assert len(warnings) == 1, warnings
    assert "'sleep' is a text here but a rating in the ja version" in warnings[0]


def test_question_missing_in_one_language_is_a_warning(isolated_home: Path) -> None:
    init()
    for lang in LANGS:
        edit_like_a_counselor(pack_file(isolated_home, lang), lang)
    en = pack_file(isolated_home, "en")
    en.write_text(remove_question(en.read_text("utf-8"), "only_me"), "utf-8")
    assert f"{len(ALL_QUESTIONS)} questions" in ok(validate(en))  # 19 - 1
    warnings = warnings_of(validate(en))
    assert len(warnings) == 1, warnings
    assert "question 'only_me' of the ja version is missing here" in warnings[0]
    ja_warnings = warnings_of(validate(pack_file(isolated_home, "ja")))
    assert any("'only_me' is missing from the en version" in w for w in ja_warnings)


def test_several_problems_are_all_listed(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace('kind = "rating"\nlabel = "Self-trust"', 'kind = "rating"\nlable = "x"', 1)
    text = text.replace('kind = "choice"', 'kind = "chioce"', 1)
    text = text.replace(f'prompt = "{PROMPTS["only_me"]}"\n', "", 1)
    # partner_trust (the second 1-10 rating): min above max
    first = text.index("\nmin = 1\nmax = 10\n")
    second = text.index("\nmin = 1\nmax = 10\n", first + 1)
    text = text[:second] + "\nmin = 10\nmax = 1\n" + text[second + len("\nmin = 1\nmax = 10\n") :]
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 4)
    assert sorted(p.split(": ")[0] for p in problems) == [
        "steps[0].questions[2].lable",
        "steps[1].questions[0].kind",
        "steps[1].questions[1]",  # min above max
        "steps[3].questions[2].prompt",
    ]
    assert any("'min' must be below 'max'" in p for p in problems), problems


def test_placeholder_error_is_listed_with_other_problems(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace('kind = "rating"\nlabel = "Self-trust"', 'kind = "rating"\nlable = "x"', 1)
    text = text.replace(PROMPTS["self_view"], "Do you trust {nope}?", 1)
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 2)
    assert any("'{nope}'" in p for p in problems)


# ---------------------------------------------------------------------------------------------
# --only / --exclude
# ---------------------------------------------------------------------------------------------

S1_WHEN, S2_WHEN = "2026-03-01T10:00:00+09:00", "2026-03-09T10:00:00+09:00"
REVIEW_NOTES = {"c1": "S1notekeptq", "c2": "S1notepartlyq"}


@dataclass
class Built:
    home: Path
    ids: list[str]


@pytest.fixture(scope="module")
def two_sessions(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """S1, and S2 a week later reviewing S1's two commitments; made once for the module."""
    folder = tmp_path_factory.mktemp("two")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_HOME", str(folder / "home"))
        mp.setenv("NO_COLOR", "1")
        mp.setenv("LANG", "C.UTF-8")
        s1 = start_unattended(folder, mp, S1_WHEN, answers_for("S1"), "--lang", "en")
        reviews = {
            f"{s1}/c1": {"outcome": "kept", "note": REVIEW_NOTES["c1"]},
            f"{s1}/c2": {"outcome": "partly", "note": REVIEW_NOTES["c2"]},
        }
        s2 = start_unattended(
            folder, mp, S2_WHEN, answers_for("S2"), "--lang", "en", reviews=reviews
        )
    return Built(folder / "home", [s1, s2])


@pytest.fixture
def sessions(two_sessions: Built, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    shutil.copytree(two_sessions.home, isolated_home)
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-03-10T10:00:00+09:00")
    return Built(isolated_home, two_sessions.ids)


def expand(names: list[str]) -> set[str]:
    chosen: set[str] = set()
    for name in names:
        chosen |= set(STEPS.get(name, [name]))
    return chosen


SELECTIONS = {
    "exclude-step": (["--exclude", "self"], None, ["self"]),
    "exclude-questions": (
        ["--exclude", "costly_actions,only_me"],
        None,
        ["costly_actions", "only_me"],
    ),
    "only-steps-and-question": (
        ["--only", "myth-words", "--only", "self_view,commitments"],
        ["myth-words", "self_view", "commitments"],
        [],
    ),
    "only-reviews": (["--only", "reviews"], ["reviews"], []),
    "exclude-reviews-and-step": (
        ["--exclude", "reviews", "--exclude", "myth-others"],
        None,
        ["reviews", "myth-others"],
    ),
    "only-and-exclude": (
        ["--only", "self,myth-never", "--exclude", "self_trust,one_point_action"],
        ["self", "myth-never"],
        ["self_trust", "one_point_action"],
    ),
}


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
@pytest.mark.parametrize("case", list(SELECTIONS))
def test_only_and_exclude_leave_out_exactly_what_was_named(
    case: str, fmt: str, sessions: Built
) -> None:
    args, only, exclude = SELECTIONS[case]
    everything = {*ALL_QUESTIONS, "reviews"}
    kept = (expand(only) if only else everything) - expand(exclude)
    left = set(ALL_QUESTIONS) - kept
    expected_left_out = len(left) + (0 if "reviews" in kept else len(REVIEW_NOTES))
    assert expected_left_out > 0

    text = ok(run_cli("export", "latest", "--format", fmt, *args))
    seen = plain_text(fmt, text)
    for qid in TEXT_QUESTIONS:
        assert (token("S2", qid) in seen) == (qid in kept), (qid, fmt)
    for commitment in ("S2commitone", "S2committwo"):
        assert (commitment in seen) == ("commitments" in kept), fmt
    # the reviews of S1's commitments: the commitment texts and the notes
    for review_text in ("S1commitone", "S1committwo", *REVIEW_NOTES.values()):
        assert (review_text in seen) == ("reviews" in kept), (review_text, fmt)
    for qid in left - {"partner"}:  # the partner's name: see the test below
        fragment = PROMPTS[qid].strip().split("{")[0]
        assert len(fragment) > 6
        assert fragment not in seen, (qid, fmt)
    assert "S1x" not in seen  # nothing of the other session

    if fmt == "json":
        data = json.loads(text)
        assert data["left_out"] == expected_left_out
        assert {a["question"] for a in data["answers"]} == kept - {"reviews"}
        assert bool(data["reviews"]) == ("reviews" in kept)
        sentence_lines = []
    else:
        sentence = left_out_sentence(expected_left_out)
        assert sentence in seen, seen[-400:]
        assert seen.count("were left out") == 1
        sentence_lines = [line for line in seen.splitlines() if "were left out" in line]
        assert [line.strip() for line in sentence_lines] == [sentence]
    for line in sentence_lines:  # the note never names what was left out
        assert not any(qid in line for qid in left)
    if fmt == "html":
        assert_self_contained(text)


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_excluding_the_partner_leaves_out_their_name(fmt: str, sessions: Built) -> None:
    """Later prompts show earlier answers ({partner}, {partner_trust}); leaving those answers
    out must leave them out of the prompts too."""
    kept = plain_text(fmt, ok(run_cli("export", "latest", "--format", fmt)))
    assert "RowanS2" in kept
    assert "at 3 out of 10" in kept
    seen = plain_text(fmt, ok(run_cli("export", "latest", "--format", fmt, "--exclude", "partner")))
    assert "RowanS2" not in seen
    assert "at 3 out of 10" in seen  # the rating was kept
    assert token("S2", "only_me") in seen
    both = ["--exclude", "partner,partner_trust"]
    seen = plain_text(fmt, ok(run_cli("export", "latest", "--format", fmt, *both)))
    assert "RowanS2" not in seen
    assert "at 3 out of 10" not in seen
    assert token("S2", "one_point_action") in seen


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_excluding_the_partner_leaves_out_their_name(fmt: str, sessions: Built) -> None:
    args = ["--since", "2026-03-01", "--format", fmt, "--exclude", "self"]
    seen = plain_text(fmt, ok(run_cli("export", *args)))
    assert "RowanS1" not in seen
    assert "RowanS2" not in seen
    assert token("S1", "only_me") in seen
    assert token("S2", "only_me") in seen


def test_share_through_a_pipe_writes_what_was_chosen(sessions: Built, tmp_path: Path) -> None:
    target = tmp_path / "shared.md"
    # reviews, then the 18 answers: leave out only_me, keep the rest; then confirm
    replies = ["n" if item == "only_me" else "" for item in ["reviews", *ALL_QUESTIONS]]
    result = run_cli(
        "export", "latest", "--share", "--output", str(target), input="\n".join([*replies, "y", ""])
    )
    ok(result)
    assert result.stdout.count("Include it? [Y/n]") == 1 + len(ALL_QUESTIONS)
    seen = plain_text("md", target.read_text("utf-8"))
    assert token("S2", "only_me") not in seen
    assert token("S2", "self_view") in seen
    assert left_out_sentence(1) in seen


def test_share_to_an_existing_file_refuses_before_asking(sessions: Built, tmp_path: Path) -> None:
    target = tmp_path / "shared.md"
    target.write_text("earlier export", "utf-8")
    replies = "\n" * (1 + len(ALL_QUESTIONS)) + "y\n"
    result = run_cli("export", "latest", "--share", "--output", str(target), input=replies)
    assert target.read_text("utf-8") == "earlier export"
    assert result.exit_code == 1
    assert "Include it?" not in result.stdout, "asked about every answer, then refused"


def test_no_selection_keeps_everything_and_says_nothing_was_left_out(sessions: Built) -> None:
    for fmt in ("md", "html", "json"):
        text = ok(run_cli("export", "latest", "--format", fmt))
        seen = plain_text(fmt, text)
        assert all(token("S2", q) in seen for q in TEXT_QUESTIONS)
        assert all(note in seen for note in REVIEW_NOTES.values())
        assert "left out" not in seen
        if fmt == "json":
            assert json.loads(text)["left_out"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--only", "nope"],
        ["--exclude", "self,nope"],
        ["--only", "self", "--exclude", "nope"],
        ["--only", "Self"],
    ],
)
def test_unknown_names_refuse_with_one_sentence(
    args: list[str], sessions: Built, tmp_path: Path
) -> None:
    target = tmp_path / "out.md"
    line = refused(run_cli("export", "latest", *args, "--output", str(target)))
    bad = "Self" if "Self" in args else "nope"
    assert f"'{bad}' is neither a step nor a question" in line
    assert "reviews" in line  # the names one may use are listed
    assert not target.exists()


def test_export_to_a_file_refuses_to_replace_without_force(sessions: Built, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    ok(run_cli("export", "latest", "--exclude", "self", "--output", str(target)))
    first = target.read_text("utf-8")
    line = refused(run_cli("export", "latest", "--output", str(target)))
    assert "--force" in line
    assert target.read_text("utf-8") == first
    ok(run_cli("export", "latest", "--output", str(target), "--force"))
    assert token("S2", "self_view") in plain_text("md", target.read_text("utf-8"))


# ---------------------------------------------------------------------------------------------
# The report over several sessions
# ---------------------------------------------------------------------------------------------

PRIVATE_PROMPT = "What would you rather keep to yourself?"
# (tag, when, self_trust, partner_trust, {(earlier session index, commitment): outcome})
REPORT_PLAN: list[tuple[str, str, int, int, dict[tuple[int, str], str]]] = [
    ("R0", "2026-02-20T09:00:00+09:00", 1, 1, {}),
    ("R1", "2026-03-01T09:00:00+09:00", 3, 2, {(0, "c1"): "kept", (0, "c2"): "not_kept"}),
    ("R2", "2026-03-09T09:00:00+09:00", 5, 4, {(1, "c1"): "kept", (1, "c2"): "partly"}),
    ("R3", "2026-03-17T09:00:00+09:00", 7, 6, {(2, "c1"): "kept", (2, "c2"): "not_kept"}),
]
# date, self-trust, partner's trust, commitments made, kept (R3's are not reviewed yet)
REPORT_ROWS = [
    ["2026-03-01", "3", "2", "2", "1"],
    ["2026-03-09", "5", "4", "2", "1"],
    ["2026-03-17", "7", "6", "2", "0"],
]


def review_note(tag: str, cid: str) -> str:
    return f"{tag}review{cid}q"


@pytest.fixture(scope="module")
def report_history(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Four sessions with the counselor's pack (two answers not shared by default)."""
    folder = tmp_path_factory.mktemp("report")
    home = folder / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUSTCOACH_HOME", str(home))
        mp.setenv("NO_COLOR", "1")
        mp.setenv("LANG", "C.UTF-8")
        ok(run_cli("pack", "init", NAME, "--lang", "en"))
        path = pack_file(home, "en")
        edit_like_a_counselor(path, "en")
        private = question_block("en", "private_note", "text").replace(
            SLEEP_PROMPT["en"], PRIVATE_PROMPT
        )
        path.write_text(add_to_self_step(path.read_text("utf-8"), private), "utf-8")
        ids: list[str] = []
        for tag, when, self_trust, partner_trust, planned in REPORT_PLAN:
            answers = {
                **answers_for(tag, self_trust, partner_trust),
                "sleep": 4,
                "private_note": f"{tag}privateq",
            }
            reviews = {
                f"{ids[index]}/{cid}": {"outcome": outcome, "note": review_note(tag, cid)}
                for (index, cid), outcome in planned.items()
            }
            ids.append(
                start_unattended(
                    folder, mp, when, answers, "--pack", NAME, "--lang", "en", reviews=reviews
                )
            )
    return Built(home, ids)


@pytest.fixture
def report_home(
    report_history: Built, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Built:
    shutil.copytree(report_history.home, isolated_home)
    monkeypatch.setenv("TRUSTCOACH_NOW", "2026-03-20T09:00:00+09:00")
    return Built(isolated_home, report_history.ids)


def table_rows(markup: str) -> list[list[str]]:
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", markup, flags=re.S):
        cells = [strip_tags(c).strip() for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
        if cells:
            rows.append(cells)
    return rows


def assert_self_contained(page: str) -> None:
    """Nothing a browser would fetch: no links, scripts, images, imports or URLs."""
    without_namespace = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for needle in ("http", "src=", "<link", "@import", "url(", "<script", "<img", "<iframe"):
        assert needle not in without_namespace, needle


def assert_report_content(seen: str) -> None:
    for tag in ("R1", "R2", "R3"):
        assert all(token(tag, q) in seen for q in TEXT_QUESTIONS), tag
        assert f"{tag}commitone" in seen
        assert f"{tag}committwo" in seen
        assert f"{tag}privateq" not in seen, "an answer not shared by default is in the report"
    for tag, *_, planned in REPORT_PLAN[1:]:
        for _, cid in planned:
            assert review_note(tag, cid) in seen
    assert PRIVATE_PROMPT not in seen
    assert SLEEP_PROMPT["en"] not in seen
    # nothing of the session before --since (its commitments appear only in R1's reviews)
    assert not any(token("R0", q) in seen for q in TEXT_QUESTIONS)
    assert "2026-02-20" not in seen
    assert "Sessions from 2026-03-01 to 2026-03-20: 3" in seen
    assert left_out_sentence(6) in seen  # sleep and private_note, in each of 3 sessions


def test_html_report_over_several_sessions(report_home: Built) -> None:
    page = ok(run_cli("export", "--since", "2026-03-01", "--format", "html"))
    assert table_rows(page) == REPORT_ROWS
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert chart.count("<circle") == 3  # self-trust, one per session
    assert chart.count("<rect") == 3  # partner's trust, one per session
    assert chart.count("<polyline") == 2
    assert "@media print" in page
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", page)
    assert_self_contained(page)
    assert_report_content(strip_tags(page))


def test_markdown_report_over_several_sessions(report_home: Built) -> None:
    text = ok(run_cli("export", "--since", "2026-03-01", "--format", "md"))
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert table_rows(rendered) == REPORT_ROWS
    assert_report_content(strip_tags(rendered))


def test_report_since_a_later_date_leaves_earlier_sessions_out(report_home: Built) -> None:
    seen = plain_text("md", ok(run_cli("export", "--since", "2026-03-09", "--format", "md")))
    assert "Sessions from 2026-03-09 to 2026-03-20: 2" in seen
    assert token("R1", "self_view") not in seen
    assert token("R2", "self_view") in seen
    assert token("R3", "self_view") in seen


def test_report_refuses_json_bad_dates_and_a_session_id(report_home: Built) -> None:
    line = refused(run_cli("export", "--since", "2026-03-01", "--format", "json"))
    assert "md or html" in line
    line = refused(run_cli("export", "--since", "March 1", "--format", "md"))
    assert "'March 1'" in line
    line = refused(run_cli("export", "latest", "--since", "2026-03-01"))
    assert "--since" in line


# ---------------------------------------------------------------------------------------------
# Shell completion
# ---------------------------------------------------------------------------------------------


def test_completion_of_sessions_and_packs(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, release_stores: Any
) -> None:
    assert cli.complete_session("2026") == []
    first = start_unattended(tmp_path, monkeypatch, "2026-03-28T10:00:00+09:00", answers_for("A"))
    second = start_unattended(tmp_path, monkeypatch, "2026-04-02T10:00:00+09:00", answers_for("B"))
    assert cli.complete_session("2026") == [second, first]  # newest first
    assert cli.complete_session("202603") == [first]
    assert cli.complete_session("") == ["latest", second, first]
    assert cli.complete_session("lat") == ["latest"]
    assert cli.complete_session("2025") == []

    assert cli.complete_pack("my") == []
    ok(run_cli("pack", "init", NAME, "--lang", "en"))
    ok(run_cli("pack", "init", "my-other", "--lang", "ja"))
    assert cli.complete_pack("my") == ["my-other", NAME]
    assert cli.complete_pack("my-p") == [NAME]
    assert cli.complete_pack("") == ["my-other", NAME, "trust-repair"]
