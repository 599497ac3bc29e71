"""Prompt packs: the shipped ja/en packs agree, ``pack show --json`` keeps its contract, and
``pack validate`` names every problem with its place."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w

from tests.support.packs import PACK_FILES, path_line
from tests.support.runner import run_cli

STEP_IDS = ["self", "myth-never", "myth-words", "myth-others", "commitments"]
KINDS = {"text", "rating", "choice", "multi", "confirm", "list"}
# Keys whose values are the same in every language: everything but the words.
STRUCTURAL_KEYS = (
    "id",
    "kind",
    "required",
    "min",
    "max",
    "min_items",
    "max_items",
    "max_length",
    "commitments",
    "due_days",
)


def pack_json(lang: str) -> dict[str, Any]:
    result = run_cli("pack", "show", "trust-repair", "--lang", lang, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def packs() -> dict[str, dict[str, Any]]:
    return {lang: pack_json(lang) for lang in ("en", "ja")}


def skeleton(pack: dict[str, Any]) -> list[Any]:
    """The language-independent shape of a pack: ids, kinds, limits, choice values."""
    steps = []
    for step in pack["steps"]:
        questions = []
        for question in step["questions"]:
            shape = {key: question.get(key) for key in STRUCTURAL_KEYS}
            shape["choices"] = [choice["value"] for choice in question.get("choices", [])]
            if question["kind"] != "text":  # a text default is words; others are values
                shape["default"] = question.get("default")
            questions.append(shape)
        steps.append((step["id"], questions))
    return steps


# ---------------------------------------------------------------------------------------------
# The shipped packs
# ---------------------------------------------------------------------------------------------


def test_ja_and_en_packs_have_the_same_structure(packs: dict[str, dict[str, Any]]) -> None:
    assert skeleton(packs["ja"]) == skeleton(packs["en"])
    assert packs["ja"]["id"] == packs["en"]["id"] == "trust-repair"
    assert packs["ja"]["version"] == packs["en"]["version"]
    en_checks = [(c["id"], c.get("misconception")) for c in packs["en"].get("checks", [])]
    ja_checks = [(c["id"], c.get("misconception")) for c in packs["ja"].get("checks", [])]
    assert ja_checks == en_checks


def test_ja_and_en_pack_files_agree_on_every_placeholder() -> None:
    """Texts may differ, but each text refers to the same earlier answers in both languages."""
    import re

    placeholder = re.compile(r"\{([a-z][a-z0-9_-]*)\}")
    data = {lang: tomli.loads(path.read_text("utf-8")) for lang, path in PACK_FILES.items()}
    for en_step, ja_step in zip(data["en"]["steps"], data["ja"]["steps"], strict=True):
        for en_q, ja_q in zip(en_step["questions"], ja_step["questions"], strict=True):
            for key in ("prompt", "help"):
                en_names = set(placeholder.findall(en_q.get(key, "")))
                ja_names = set(placeholder.findall(ja_q.get(key, "")))
                assert en_names == ja_names, (en_q["id"], key)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_pack_json_has_the_contract_shape(lang: str, packs: dict[str, dict[str, Any]]) -> None:
    pack = packs[lang]
    assert list(pack)[:3] == ["id", "lang", "version"]
    assert pack["id"] == "trust-repair"
    assert pack["lang"] == lang
    assert isinstance(pack["version"], str) and pack["version"]
    assert [step["id"] for step in pack["steps"]] == STEP_IDS
    question_ids = []
    for step in pack["steps"]:
        assert {"id", "title", "questions"} <= set(step)
        assert isinstance(step["title"], str) and step["title"]
        assert step["questions"]
        for question in step["questions"]:
            assert {"id", "kind", "prompt", "required"} <= set(question), question
            assert question["kind"] in KINDS
            assert isinstance(question["prompt"], str) and question["prompt"].strip()
            assert isinstance(question["required"], bool)
            question_ids.append(question["id"])
            if question["kind"] == "rating":
                assert isinstance(question["min"], int) and isinstance(question["max"], int)
                assert question["min"] < question["max"]
            if question["kind"] in ("choice", "multi"):
                choices = question["choices"]
                assert len(choices) >= 2
                for choice in choices:
                    assert set(choice) == {"value", "label", "exclusive"}
                    assert isinstance(choice["exclusive"], bool)
                    assert choice["value"] and choice["label"]
                assert len({c["value"] for c in choices}) == len(choices)
            else:
                assert "choices" not in question
            # a commitments list says whom its commitments are made to
            assert ("toward" in question) is bool(question.get("commitments"))
            if question.get("commitments"):
                assert question["toward"] in ("self", "partner")
    assert len(set(question_ids)) == len(question_ids)
    towards = {q["id"]: q.get("toward") for s in pack["steps"] for q in s["questions"]}
    assert (towards["self_promise_small"], towards["commitments"]) == ("self", "partner")
    (gestures,) = [q for s in pack["steps"] for q in s["questions"] if q["id"] == "gestures"]
    assert [c["value"] for c in gestures["choices"] if c["exclusive"]] == ["none"]


def test_pack_json_matches_the_pack_file(packs: dict[str, dict[str, Any]]) -> None:
    """Every question of the file is in the JSON, in order, with its kind and prompt."""
    for lang, path in PACK_FILES.items():
        data = tomli.loads(path.read_text("utf-8"))
        from_file = [
            (step["id"], q["id"], q["kind"], q["prompt"])
            for step in data["steps"]
            for q in step["questions"]
        ]
        from_json = [
            (step["id"], q["id"], q["kind"], q["prompt"])
            for step in packs[lang]["steps"]
            for q in step["questions"]
        ]
        assert from_json == from_file


def test_default_pack_contract_details(packs: dict[str, dict[str, Any]]) -> None:
    questions = {q["id"]: q for step in packs["en"]["steps"] for q in step["questions"]}
    for rating in ("self_trust", "partner_trust", "commitment_confidence"):
        assert (questions[rating]["kind"], questions[rating]["min"], questions[rating]["max"]) == (
            "rating",
            1,
            10,
        )
    commitments = questions["commitments"]
    assert commitments["kind"] == "list"
    assert (commitments["min_items"], commitments["max_items"]) == (1, 3)
    assert commitments.get("due_days", 7) == 7
    commitments_step = packs["en"]["steps"][-1]
    assert commitments_step["id"] == "commitments"
    assert "commitments" in [q["id"] for q in commitments_step["questions"]]


def test_pack_show_unknown_language_or_pack_is_one_sentence() -> None:
    bad_lang = run_cli("pack", "show", "trust-repair", "--lang", "fr", "--json")
    assert bad_lang.exit_code != 0
    assert "fr" in bad_lang.stderr
    missing = run_cli("pack", "show", "no-such-pack", "--lang", "en")
    assert missing.exit_code != 0
    assert "no-such-pack" in missing.stderr
    assert "Traceback" not in bad_lang.stderr + missing.stderr


def test_pack_list_lists_both_languages() -> None:
    result = run_cli("pack", "list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["pack          version  languages  origin", "  folder"]
    number = next(n for n, line in enumerate(lines) if line.startswith("trust-repair "))
    row, folder = lines[number].split(), lines[number + 1]
    # pack, version, languages, origin; the folder on the line below
    assert row[1] == "2.0.0"
    assert set(row[2].split(",")) == {"ja", "en"}
    assert row[3] == "built-in"
    assert folder.startswith("  ") and folder.endswith("prompts")


def test_pack_list_includes_the_users_own_pack(isolated_home: Path) -> None:
    own = isolated_home / "packs" / "en" / "my-homework.toml"
    own.parent.mkdir(parents=True)
    data = tomli.loads(PACK_FILES["en"].read_text("utf-8"))
    data["id"] = "my-homework"
    own.write_text(tomli_w.dumps(data), "utf-8")
    result = run_cli("pack", "list")
    assert result.exit_code == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("my-homework ")]
    assert "en" in re.split(r"[\s,]+", line)
    assert "ja" not in re.split(r"[\s,]+", line)
    assert "trust-repair" in result.stdout  # the built-in pack is still listed


# ---------------------------------------------------------------------------------------------
# pack validate
# ---------------------------------------------------------------------------------------------


def en_pack() -> dict[str, Any]:
    return copy.deepcopy(tomli.loads(PACK_FILES["en"].read_text("utf-8")))


def write_pack(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "my-pack.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def validate(path: Path) -> Any:
    result = run_cli("pack", "validate", str(path))
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_validate_accepts_a_copy_of_the_default_pack(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "copy.toml"
    path.write_bytes(PACK_FILES[lang].read_bytes())
    result = validate(path)
    assert result.exit_code == 0, result.stderr
    assert "valid" in result.stdout
    assert result.stderr == ""


def test_validate_accepts_a_rewritten_default_pack(tmp_path: Path) -> None:
    result = validate(write_pack(tmp_path, en_pack()))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "not valid TOML (column 11: Illegal character '\\n')"),
        (
            "ja",
            "TOMLとして正しくありません（11文字目："
            '文字列が行の終わりまでに閉じられていません。" が足りないようです）',
        ),
    ],
)
def test_validate_syntax_error_is_said_at_its_line_once(
    lang: str, words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``path:line: why``, as every other problem of a pack, the path said once and why in
    parentheses: the parser's own words in English, the catalog's in Japanese (the tester saw
    the path twice, 'at line 131', and the parser's English on a Japanese screen)."""
    lines = PACK_FILES["en"].read_text("utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("lang ="))
    lines[number - 1] = 'lang = "en'  # unterminated string
    path = tmp_path / "broken.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.setenv("TRUSTCOACH_LANG", lang)
    result = validate(path)
    assert result.exit_code == 1
    stop = "。" if lang == "ja" else ""
    colon = "：" if lang == "ja" else ": "
    assert result.stderr == f"trustcoach: {path}:{number}{colon}{words}{stop}\n"


def mutate_unknown_key(data: dict[str, Any]) -> None:
    data["steps"][0]["questions"][1]["colour"] = "blue"


def mutate_unknown_kind(data: dict[str, Any]) -> None:
    data["steps"][1]["questions"][0]["kind"] = "slider"


def mutate_duplicate_id(data: dict[str, Any]) -> None:
    data["steps"][2]["questions"][4]["id"] = "self_view"


def mutate_unknown_placeholder(data: dict[str, Any]) -> None:
    data["steps"][0]["questions"][1]["prompt"] += " {nope}"


def mutate_later_placeholder(data: dict[str, Any]) -> None:
    data["steps"][0]["questions"][1]["prompt"] += " {partner_trust}"


def mutate_rating_without_max(data: dict[str, Any]) -> None:
    del data["steps"][0]["questions"][2]["max"]


def mutate_unknown_top_key(data: dict[str, Any]) -> None:
    data["author"] = "me"


def mutate_missing_prompt(data: dict[str, Any]) -> None:
    del data["steps"][3]["questions"][2]["prompt"]


def mutate_choice_with_one_option(data: dict[str, Any]) -> None:
    data["steps"][2]["questions"][1]["choices"] = data["steps"][2]["questions"][1]["choices"][:1]


def mutate_duplicate_step(data: dict[str, Any]) -> None:
    data["steps"][2]["id"] = "myth-never"


def mutate_bad_lang(data: dict[str, Any]) -> None:
    data["lang"] = "fr"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (mutate_unknown_key, ["question 'self_view', colour", "unknown key"]),
        (mutate_unknown_kind, ["question 'never_belief_start', kind"]),
        (mutate_duplicate_id, ["self_view", "twice"]),
        (mutate_unknown_placeholder, ["question 'self_view', prompt", "{nope}"]),
        (mutate_rating_without_max, ["question 'self_trust'", "max"]),
        (mutate_unknown_top_key, ["author", "unknown key"]),
        (mutate_missing_prompt, ["question 'only_me', prompt"]),
        (mutate_choice_with_one_option, ["question 'gestures'", "choices"]),
        (mutate_duplicate_step, ["myth-never", "twice"]),
        (mutate_bad_lang, ["lang"]),
    ],
    ids=lambda value: getattr(value, "__name__", "")[len("mutate_") :] or None,
)
def test_validate_names_the_problem_and_its_place(
    mutate: Any, expected: list[str], tmp_path: Path
) -> None:
    data = en_pack()
    mutate(data)
    path = write_pack(tmp_path, data)
    result = validate(path)
    assert result.exit_code == 1, result.stdout
    assert str(path) in result.stderr
    for words in expected:
        assert words in result.stderr, result.stderr
    # every problem names the file and the line
    (problem,) = result.stderr.splitlines()[1:]
    assert re.match(rf"  - {re.escape(str(path))}:\d+: ", problem), problem
    assert result.stdout == ""


def test_validate_warns_about_a_placeholder_answered_later(tmp_path: Path) -> None:
    """A placeholder for a later question runs (shown empty) but is reported as a warning."""
    data = en_pack()
    mutate_later_placeholder(data)
    result = validate(write_pack(tmp_path, data))
    assert result.exit_code == 0, result.stderr
    line = path_line(tmp_path / "my-pack.toml", "prompt =", after='id = "self_view"')
    warning = f"warning: {tmp_path / 'my-pack.toml'}:{line}: question 'self_view', prompt: "
    assert warning + "'{partner_trust}'" in result.stdout
    assert "only answered later" in result.stdout


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (mutate_unknown_placeholder, "{nope}"),
        (mutate_later_placeholder, "{partner_trust}"),
    ],
)
def test_validate_reports_placeholder_with_its_place(
    mutate: Any, words: str, tmp_path: Path
) -> None:
    """However severe it is judged, the placeholder is named with its place."""
    data = en_pack()
    mutate(data)
    result = validate(write_pack(tmp_path, data))
    output = result.stdout + result.stderr
    (line,) = [line for line in output.splitlines() if words in line]
    assert "question 'self_view', prompt" in line


def test_validate_unknown_kind_lists_the_kinds(tmp_path: Path) -> None:
    data = en_pack()
    mutate_unknown_kind(data)
    result = validate(write_pack(tmp_path, data))
    assert result.exit_code == 1
    for kind in sorted(KINDS):
        assert kind in result.stderr


def test_validate_reports_every_problem_at_once(tmp_path: Path) -> None:
    data = en_pack()
    mutate_unknown_key(data)
    mutate_unknown_kind(data)
    mutate_rating_without_max(data)
    result = validate(write_pack(tmp_path, data))
    assert result.exit_code == 1
    for place in (
        "question 'self_view', colour",
        "question 'never_belief_start', kind",
        "question 'self_trust'",
    ):
        assert place in result.stderr


def test_validate_missing_file_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    result = validate(path)
    assert result.exit_code == 1
    assert str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_start_with_an_invalid_pack_saves_nothing(isolated_home: Path, tmp_path: Path) -> None:
    data = en_pack()
    mutate_unknown_kind(data)
    path = write_pack(tmp_path, data)
    result = run_cli("start", "--lang", "en", "--pack", str(path), input="x\n")
    assert result.exit_code == 1
    assert "question 'never_belief_start', kind" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((isolated_home / "journals").glob("*.toml"))


def test_pack_list_marks_packs_it_cannot_read_as_invalid(isolated_home: Path) -> None:
    folder = isolated_home / "packs" / "en"
    folder.mkdir(parents=True)
    files = {
        # a line starting with "[" inside a multi-line string is not a table: still read right
        "bracketed": 'id = "bracketed"\nnote = """\n[not a table]\n"""\nversion = "2.1.0"\n'
        '[[steps]]\nid = "s"\n',
        "not-toml": 'id = "not-toml\nversion = "1.0.0"\n',
        "wrong-id": 'id = "someone-else"\nversion = "1.0.0"\n',
        "no-version": 'id = "no-version"\n[[steps]]\nid = "s"\n',
    }
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, "utf-8")
    result = run_cli("pack", "list")
    assert result.exit_code == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if not line.startswith("  ")]
    versions = {words[0]: words[1] for words in rows if len(words) > 1}
    assert versions["bracketed"] == "2.1.0"
    assert versions["not-toml"] == versions["wrong-id"] == versions["no-version"] == "invalid"
    assert versions["trust-repair"] == "2.0.0"
    assert "pack validate" in result.stdout
