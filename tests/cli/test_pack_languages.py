"""``pack validate NAME|PATH`` checks every language of a pack together: a question marked
private in one language only, a ``[counselor]`` in one only, other ids, kinds or limits are
errors, each named by file, line and question id. ``pack show`` marks private questions, and
``pack init --from FILE`` copies only that file's language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.packs import (
    COUNSELOR_PACK,
    NEW_TITLE,
    PACK_FILES,
    edit_like_a_counselor,
    fill_counselor,
    mark_private,
    pack_file,
    path_line,
)
from tests.support.runner import Result, ok, refused, run_cli

NAME = COUNSELOR_PACK


@pytest.fixture
def both(isolated_home: Path) -> tuple[Path, Path]:
    """A counselor's pack in ja and en, edited alike: valid, (ja, en)."""
    ok(run_cli("pack", "init", NAME))
    for lang in ("ja", "en"):
        edit_like_a_counselor(pack_file(isolated_home, lang), lang)
    return pack_file(isolated_home, "ja"), pack_file(isolated_home, "en")


def problems(result: Result, count: int) -> list[str]:
    """Exit 1, nothing on stdout, a headline for the pack, then one line per problem, each
    naming a file and a line."""
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == ""
    head, *rest = result.stderr.rstrip("\n").splitlines()
    noun = "problem" if count == 1 else "problems"
    assert (
        head == f"trustcoach: the pack '{NAME}' has {count} {noun} (its languages checked together)"
    )
    assert len(rest) == count, result.stderr
    for line in rest:
        assert re.match(r"  - /\S+\.toml:\d+: ", line), line
    return [line[4:] for line in rest]


def test_validate_by_name_checks_every_language(both: tuple[Path, Path]) -> None:
    out = ok(run_cli("pack", "validate", NAME))
    for path, lang in zip(both, ("ja", "en"), strict=True):
        assert f"{path}: valid pack '{NAME}' 1.1 ({lang}), 5 steps, " in out
    assert "warning" not in out


def test_the_built_in_pack_agrees_with_itself_in_both_languages() -> None:
    out = ok(run_cli("pack", "validate", "trust-repair"))
    for lang in ("ja", "en"):
        assert f"{PACK_FILES[lang]}: valid pack 'trust-repair'" in out


def test_private_in_one_language_only_is_an_error(both: tuple[Path, Path]) -> None:
    """The case the issue found: a Japanese client would share it by default."""
    ja, en = both
    en.write_text(mark_private(en.read_text("utf-8"), "only_me"), "utf-8")
    here = path_line(ja, 'id = "only_me"')
    there = path_line(en, "share = false", after='id = "only_me"')
    expected = [
        f"{ja}:{here}: question 'only_me', share: 'share' is true here but false in the en "
        f"version ({en}:{there}); make them the same"
    ]
    assert problems(run_cli("pack", "validate", NAME), 1) == expected
    assert problems(run_cli("pack", "validate", str(en)), 1) != []  # from either file
    ja_words = problems(run_cli("pack", "validate", str(ja)), 1)[0]
    assert ja_words == expected[0]


def test_a_counselor_in_one_language_only_is_an_error(both: tuple[Path, Path]) -> None:
    ja, en = both
    text = en.read_text("utf-8")
    en.write_text(text[: text.index("\n[counselor]")] + "\n", "utf-8")
    line = path_line(ja, "[counselor]")
    (problem,) = problems(run_cli("pack", "validate", NAME), 1)
    assert problem.startswith(f"{ja}:{line}: counselor: [counselor] is here but not in the en")


def test_other_limits_are_errors_with_both_lines(both: tuple[Path, Path]) -> None:
    ja, en = both
    text = en.read_text("utf-8").replace("min = 1\nmax = 5\n", "min = 1\nmax = 7\n", 1)
    en.write_text(text, "utf-8")
    here = path_line(ja, "max = 5")
    there = path_line(en, "max = 7")
    (problem,) = problems(run_cli("pack", "validate", NAME), 1)
    assert problem == (
        f"{ja}:{here}: question 'sleep', max: 'max' is 5 here but 7 in the en version "
        f"({en}:{there}); make them the same"
    )


def move_before(text: str, qid: str, before: str) -> str:
    """A pack's text with the table of question ``qid`` (up to the next table) moved before
    that of ``before``."""
    header = "[[steps.questions]]\n"
    start = text.index(f'{header}id = "{qid}"\n')
    end = text.find("\n[", start + len(header))
    table = text[start : end + 1].rstrip("\n") + "\n\n"
    text = text[:start] + text[end + 1 :]
    at = text.index(f'{header}id = "{before}"\n')
    return text[:at] + table + text[at:]


def test_a_question_moved_in_one_language_is_an_error(both: tuple[Path, Path]) -> None:
    """The tester's case: in ja only, never_belief_end moved before partner_trust."""
    ja, en = both
    ja.write_text(move_before(ja.read_text("utf-8"), "never_belief_end", "partner_trust"), "utf-8")
    here, there = path_line(ja, 'id = "never_belief_end"'), path_line(en, 'id = "never_belief_end"')
    (problem,) = problems(run_cli("pack", "validate", NAME), 1)
    assert problem == (
        f"{ja}:{here}: question 'never_belief_end': it comes after 'never_belief_start' here but "
        f"after 'one_point_action' in the en version ({en}:{there}); put the questions of step "
        "'myth-never' in the same order in both"
    )


def test_a_file_that_is_not_toml_is_named_once_at_its_line(both: tuple[Path, Path]) -> None:
    """The tester saw ``en.toml: en.toml: is not valid TOML at line 131, column 20``."""
    _, en = both
    broken = f'title = "{NEW_TITLE["en"]}'  # its closing quote forgotten
    en.write_text(en.read_text("utf-8").replace(broken + '"', broken, 1), "utf-8")
    line = path_line(en, broken)
    column = len(broken) + 1
    (problem,) = problems(run_cli("pack", "validate", NAME), 1)
    assert problem == f"{en}:{line}: not valid TOML (column {column}: Illegal character '\\n')"


def test_every_problem_of_every_file_is_listed_at_once(both: tuple[Path, Path]) -> None:
    ja, en = both
    ja.write_text(ja.read_text("utf-8").replace('kind = "multi"', 'kind = "mlti"', 1), "utf-8")
    en.write_text(en.read_text("utf-8").replace("\nlabel =", "\nlable =", 1), "utf-8")
    found = problems(run_cli("pack", "validate", NAME), 2)
    kind, label = path_line(ja, 'kind = "mlti"'), path_line(en, "lable =")
    assert found == sorted(found, key=lambda p: not p.startswith(str(ja)))  # file by file
    assert found[0].startswith(f"{ja}:{kind}: question 'gestures', kind: must be one of")
    assert found[1].startswith(f"{en}:{label}: question ")


def test_problems_are_said_in_japanese(
    both: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ja, en = both
    en.write_text(mark_private(en.read_text("utf-8"), "only_me"), "utf-8")
    monkeypatch.setenv("TRUSTCOACH_LANG", "ja")
    head, problem = run_cli("pack", "validate", NAME).stderr.splitlines()
    assert head == (
        f"trustcoach: パック「{NAME}」に1件の問題があります（各言語版をまとめて確認しました）。"
    )
    line = path_line(ja, 'id = "only_me"')
    assert problem.startswith(
        f"  ・{ja}:{line}：質問「only_me」の share：「share」がここでは true、"
    )
    assert "en 版" in problem


@pytest.mark.parametrize(
    ("name", "words"),
    [("no-such-pack", "there is no pack named 'no-such-pack'"), ("Bad Name", "is not a pack name")],
)
def test_an_unknown_name_is_one_sentence(name: str, words: str, isolated_home: Path) -> None:
    assert words in refused(run_cli("pack", "validate", name))


def test_pack_show_marks_private_questions(both: tuple[Path, Path]) -> None:
    out = ok(run_cli("pack", "show", NAME, "--lang", "en"))
    assert "   - sleep (rating, private): How well did you sleep this week?" in out
    assert "   - self_trust (rating): " in out
    assert "A private question's answer stays out of exports unless the client chooses" in out
    ja_out = ok(run_cli("pack", "show", NAME, "--lang", "ja"))
    assert "   - sleep（rating、非公開）：" in ja_out


def test_init_from_a_file_copies_only_its_language(isolated_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "en-pack.toml"
    source.write_bytes(PACK_FILES["en"].read_bytes())
    out = ok(run_cli("pack", "init", "from-file", "--from", str(source)))
    assert out.count("Created ") == 1
    assert pack_file(isolated_home, "en", "from-file").exists()
    assert not pack_file(isolated_home, "ja", "from-file").exists()
    ok(run_cli("pack", "validate", "from-file"))
    line = refused(run_cli("pack", "init", "other", "--from", str(source), "--lang", "ja"))
    assert "は en 版です" in line  # --lang ja: the command speaks Japanese too
    assert not pack_file(isolated_home, "ja", "other").exists()


def test_fill_counselor_in_both_languages_validates(both: tuple[Path, Path]) -> None:
    """The edits of the other tests start from a pack that validates."""
    ja, _ = both
    assert "[counselor]" in fill_counselor(ja.read_text("utf-8"), "ja")
    ok(run_cli("pack", "validate", NAME))
