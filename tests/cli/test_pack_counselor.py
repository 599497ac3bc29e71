"""A counselor's own pack: ``pack init`` copies the default pack with a guide, the counselor edits
the copy as text (a new question, their name and contact, local resources), ``pack validate``
names every problem with its place, and clients run the pack.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
from pathlib import Path

import pytest
import tomli

from tests.support.answers import counselor_answers, write_answers
from tests.support.journals import journal_path, journal_paths, only_journal, read_journal
from tests.support.packs import (
    COUNSELOR,
    COUNSELOR_PACK,
    LANGS,
    NEW_SELF_VIEW,
    NEW_TITLE,
    PROMPTS,
    RESOURCES,
    SLEEP_PROMPT,
    STEPS,
    edit_like_a_counselor,
    pack_file,
    path_line,
)
from tests.support.runner import Result, ok, refused, run_cli
from tests.support.sessions import start_unattended

NAME = COUNSELOR_PACK  # the pack every test here makes


def init(*args: str) -> None:
    ok(run_cli("pack", "init", NAME, *args))


def validate(path: Path) -> Result:
    return run_cli("pack", "validate", str(path))


def warnings_of(result: Result) -> list[str]:
    return [line.strip() for line in ok(result).splitlines() if line.strip().startswith("warning")]


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


def test_new_question_in_one_language_is_an_error(isolated_home: Path) -> None:
    init()
    ja, en = pack_file(isolated_home, "ja"), pack_file(isolated_home, "en")
    edit_like_a_counselor(ja, "ja")
    problems = language_problems(validate(ja), 2)
    assert any(p.startswith(f"{ja}:") and "question 'sleep'" in p for p in problems), problems
    assert any("[counselor] is here but not in the en version" in p for p in problems), problems
    # the en file given, the same disagreement, named in the ja file where 'sleep' is
    assert any(f"{ja}:" in p and "'sleep'" in p for p in language_problems(validate(en), 2))
    # versions differing is only a warning
    edit_like_a_counselor(en, "en")
    assert not [w for w in warnings_of(validate(ja)) if "2.0.0" in w]


def test_both_languages_edited_validate_without_warnings(isolated_home: Path) -> None:
    init()
    for lang in LANGS:
        edit_like_a_counselor(pack_file(isolated_home, lang), lang)
    for lang in LANGS:
        out = ok(validate(pack_file(isolated_home, lang)))
        assert f"valid pack '{NAME}' 1.1 ({lang}), 5 steps, 22 questions" in out
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
    answers = {**counselor_answers("J"), "partner": "夫", "sleep": 2}
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
    journal = read_journal(journal_path(isolated_home, session_id))
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
    path = write_answers(tmp_path, counselor_answers("E"))
    result = run_cli("start", "--pack", NAME, "--lang", "en", "--answers", str(path))
    assert result.exit_code != 0
    assert "answers.sleep" in result.stderr
    assert journal_paths(isolated_home) == []


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
    journal = only_journal(isolated_home)
    assert journal["pack"] == NAME
    assert [a["value"] for a in journal["answers"]] == ["Sam", "my view"]


def test_pack_id_unlike_its_file_name_does_not_strand_a_session(isolated_home: Path) -> None:
    init("--lang", "en")
    path = pack_file(isolated_home, "en")
    path.write_text(path.read_text("utf-8").replace(f'id = "{NAME}"', 'id = "renamed"', 1))
    started = run_cli("start", "--pack", NAME, "--lang", "en", input="Sam\n")
    if started.exit_code == 1:  # refusing before anything is saved would be fine too
        assert journal_paths(isolated_home) == []
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
    """The English file of a new pack (alone: no other language is checked with it)."""
    init("--lang", "en")
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
    found = []
    for line in rest:  # each names the file and the line, then the place by id
        named = re.match(rf"  - {re.escape(str(path))}:(\d+): ", line)
        assert named, line
        found.append(line[named.end() :])
    return found


def test_toml_syntax_error_names_file_line_and_column(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    broken = text.replace('version = "2.0.0"', 'version = "2.0.0', 1)
    path.write_text(broken, "utf-8")
    bad_line = 'version = "2.0.0'
    line_no = broken.splitlines().index(bad_line) + 1
    message = refused(validate(path))
    # the string runs to the end of the line: the column just after its last character
    assert message.startswith(
        f"trustcoach: {path}:{line_no}: not valid TOML (column {len(bad_line) + 1}: "
    )


def test_unknown_keys_are_listed_with_their_place(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace('kind = "rating"\nlabel = "Self-trust"', 'kind = "rating"\nlable = "x"', 1)
    text = text.replace(f'id = "{NAME}"\n', f'id = "{NAME}"\ncolour = "blue"\n', 1)
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 2)
    assert "question 'self_trust', lable: unknown key 'lable' (check its spelling)" in problems
    assert "colour: unknown key 'colour' (check its spelling)" in problems


def test_missing_and_empty_texts_are_listed(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace(f'prompt = "{PROMPTS["self_trust"]}"\n', "", 1)
    text = text.replace('title = "You and your own word"', 'title = ""', 1)
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 2)
    assert "question 'self_trust', prompt: this key is required but missing" in problems
    assert any(p.startswith("step 'self', title: ") for p in problems), problems


def test_blank_texts_are_listed(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace(f'prompt = "{PROMPTS["self_trust"]}"', 'prompt = "   "', 1)
    text = text.replace('title = "You and your own word"', 'title = " "', 1)
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 2)
    assert sorted(p.split(": ")[0] for p in problems) == [
        "question 'self_trust', prompt",
        "step 'self', title",
    ]


def test_placeholder_naming_no_question_is_an_error(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    path.write_text(text.replace(PROMPTS["self_trust"], "Do you trust {nope}?", 1), "utf-8")
    problems = problem_lines(validate(path), path, 1)
    assert problems == [
        "question 'self_trust', prompt: '{nope}' does not name any question of this pack"
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
    line = path_line(path, "prompt =", after='id = "self_view"')
    assert warnings == [
        f"warning: {path}:{line}: question 'self_view', prompt: '{{partner_trust}}' names a "
        "question that is only answered later"
    ]


def language_problems(result: Result, count: int) -> list[str]:
    """Exit 1: the pack's languages disagree; one line per problem, each at a file's line."""
    assert result.exit_code == 1, result.stdout + result.stderr
    head, *rest = result.stderr.rstrip("\n").splitlines()
    noun = "problem" if count == 1 else "problems"
    assert (
        head == f"trustcoach: the pack '{NAME}' has {count} {noun} (its languages checked together)"
    )
    assert len(rest) == count, result.stderr
    return [line[4:] for line in rest]


def test_different_kinds_in_ja_and_en_are_an_error(isolated_home: Path) -> None:
    init()
    ja, en = pack_file(isolated_home, "ja"), pack_file(isolated_home, "en")
    edit_like_a_counselor(ja, "ja")
    edit_like_a_counselor(en, "en", sleep_kind="text")
    (problem,) = language_problems(validate(en), 1)
    here = path_line(en, "kind =", after='id = "sleep"')
    there = path_line(ja, "kind =", after='id = "sleep"')
    assert problem == (
        f"{en}:{here}: question 'sleep', kind: it is a text question here but a rating question "
        f"in the ja version ({ja}:{there})"
    )


def test_question_missing_in_one_language_is_an_error(isolated_home: Path) -> None:
    init()
    for lang in LANGS:
        edit_like_a_counselor(pack_file(isolated_home, lang), lang)
    ja, en = pack_file(isolated_home, "ja"), pack_file(isolated_home, "en")
    en.write_text(remove_question(en.read_text("utf-8"), "only_me"), "utf-8")
    (problem,) = language_problems(validate(en), 1)
    line = path_line(ja, 'id = "only_me"')
    assert problem.startswith(f"{ja}:{line}: question 'only_me': it is missing from the en version")
    # by name, the same
    assert language_problems(run_cli("pack", "validate", NAME), 1) == [problem]


def test_several_problems_are_all_listed(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace('kind = "rating"\nlabel = "Self-trust"', 'kind = "rating"\nlable = "x"', 1)
    text = text.replace('kind = "multi"', 'kind = "mlti"', 1)
    text = text.replace(f'prompt = "{PROMPTS["only_me"]}"\n', "", 1)
    # partner_trust (the second 1-10 rating): min above max
    first = text.index("\nmin = 1\nmax = 10\n")
    second = text.index("\nmin = 1\nmax = 10\n", first + 1)
    text = text[:second] + "\nmin = 10\nmax = 1\n" + text[second + len("\nmin = 1\nmax = 10\n") :]
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 4)
    assert sorted(p.split(": ")[0] for p in problems) == [
        "question 'gestures', kind",
        "question 'only_me', prompt",
        "question 'partner_trust'",  # min above max
        "question 'self_trust', lable",
    ]
    assert any("'min' must be below 'max'" in p for p in problems), problems


def test_placeholder_error_is_listed_with_other_problems(isolated_home: Path) -> None:
    path, text = broken_pack(isolated_home)
    text = text.replace('kind = "rating"\nlabel = "Self-trust"', 'kind = "rating"\nlable = "x"', 1)
    text = text.replace(PROMPTS["self_view"], "Do you trust {nope}?", 1)
    path.write_text(text, "utf-8")
    problems = problem_lines(validate(path), path, 2)
    assert any("'{nope}'" in p for p in problems)
