"""``export --format fhir`` and ``pack show NAME --format fhir``: an HL7 FHIR R4
QuestionnaireResponse of the shared answers and the Questionnaire it answers, both validated
by two independent FHIR libraries (fhir.resources' R4B models, and fhirclient's models
generated from FHIR 4.0.1, strict), and held to each other item by item. The sharing rules
apply: a private answer is not in it, and how many answers were left out is."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.answers import JA_ANSWERS
from tests.support.packs import (
    COUNSELOR,
    COUNSELOR_PACK,
    PROMPTS,
    SLEEP_PROMPT,
    add_to_self_step,
    edit_like_a_counselor,
    pack_file,
)
from tests.support.runner import ok, refused, run_cli
from tests.support.sessions import CopyHome, SessionsHome, home_made_once, start_unattended

S1_WHEN, S2_WHEN = "2026-03-01T10:00:00+09:00", "2026-03-09T10:00:00+09:00"
# A single choice the counselor adds (the default pack has only a multiple choice).
MOOD = {
    lang: f'[[steps.questions]]\nid = "mood"\nkind = "choice"\nprompt = "{prompt}"\n'
    f'choices = [{{ value = "calm", label = "{calm}" }},\n'
    f'  {{ value = "tense", label = "{tense}" }}]\n\n'
    for lang, prompt, calm, tense in (
        ("ja", "今週の気持ちに近いのは。", "落ち着いている", "張りつめている"),
        ("en", "How did this week feel?", "Calm", "Tense"),
    )
}


# A label with the list separator in it that ends a sentence: joined with the next one it
# reads "手紙、メッセージを送る。何度も謝る", which splits back into two wrong labels.
MESSAGES_LABEL = ('label = "メッセージや手紙を送る"', 'label = "手紙、メッセージを送る。"')


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> SessionsHome:
    """The counselor's pack in ja and en (a private rating 'sleep', a [counselor]); two
    Japanese sessions, the second reviewing the first's commitments."""
    with home_made_once(tmp_path_factory, "fhir") as (folder, mp):
        home = folder / "home"
        ok(run_cli("pack", "init", COUNSELOR_PACK))
        for lang in ("ja", "en"):
            edit_like_a_counselor(pack_file(home, lang), lang)
            path = pack_file(home, lang)
            text = add_to_self_step(path.read_text("utf-8"), MOOD[lang])
            path.write_text(text.replace(*MESSAGES_LABEL), "utf-8")
        args = ("--pack", COUNSELOR_PACK, "--lang", "ja")
        answers = {**JA_ANSWERS, "sleep": 2, "mood": "tense"}
        s1 = start_unattended(folder, mp, S1_WHEN, answers, *args)
        reviews = {
            f"{s1}/c1": "kept",
            f"{s1}/c2": {"outcome": "partly", "note": "少し"},
            f"{s1}/c3": "not_kept",
        }
        s2 = start_unattended(folder, mp, S2_WHEN, answers, *args, reviews=reviews)
    return SessionsHome(home, [s1, s2])


@pytest.fixture
def home(made: SessionsHome, copy_home: CopyHome) -> SessionsHome:
    return SessionsHome(copy_home(made.home, "2026-03-10T10:00:00+09:00"), made.ids)


def response(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(run_cli("export", "latest", "--format", "fhir", *args)))
    return data


def questionnaire(lang: str = "ja") -> dict[str, Any]:
    out = ok(run_cli("pack", "show", COUNSELOR_PACK, "--lang", lang, "--format", "fhir"))
    data: dict[str, Any] = json.loads(out)
    return data


def validate_r4(resource: dict[str, Any]) -> None:
    """Both libraries accept the resource as it is (the first raises on any problem)."""
    import fhirclient.models.questionnaire as r4_questionnaire
    import fhirclient.models.questionnaireresponse as r4_response
    from fhir.resources.R4B import questionnaire as r4b_questionnaire
    from fhir.resources.R4B import questionnaireresponse as r4b_response

    if resource["resourceType"] == "Questionnaire":
        r4b_questionnaire.Questionnaire.model_validate(resource)
        r4_questionnaire.Questionnaire(resource, strict=True)
    else:
        r4b_response.QuestionnaireResponse.model_validate(resource)
        r4_response.QuestionnaireResponse(resource, strict=True)


def items(resource: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every item by linkId, at any depth (a repeated group once); no linkId names two
    different items (FHIR requires them unique)."""
    found: dict[str, dict[str, Any]] = {}

    def walk(children: list[dict[str, Any]]) -> None:
        for item in children:
            if item["linkId"] in found:
                assert item["linkId"].startswith("reviews"), item["linkId"]
            found.setdefault(item["linkId"], item)
            walk(item.get("item", []))

    walk(resource.get("item", []))
    return found


def test_the_fhir_libraries_refuse_what_is_not_r4() -> None:
    """The validation below is worth something: a wrong type is refused by both."""
    bad = {"resourceType": "QuestionnaireResponse", "status": "done", "item": [{"text": "x"}]}
    with pytest.raises(Exception):  # noqa: B017
        validate_r4(bad)


def test_the_response_is_valid_r4_and_answers_the_questionnaire(home: SessionsHome) -> None:
    found, asked = response("--client", "K.T."), questionnaire()
    validate_r4(found)
    validate_r4(asked)
    assert found["questionnaire"] == f"{asked['url']}|{asked['version']}"
    assert found["questionnaire"] == f"urn:trustcoach:pack:{COUNSELOR_PACK}|1.1"
    assert found["status"] == "completed"
    assert found["authored"] == "2026-03-09T10:00:00+09:00"
    assert found["id"] == home.ids[1]
    assert found["subject"] == {"display": "K.T."}
    questions = items(asked)
    types = {"valueString": {"string", "text"}, "valueInteger": {"integer"}}
    types |= {"valueBoolean": {"boolean"}, "valueCoding": {"choice"}}
    for link, item in items(found).items():
        assert link in questions, link
        for answer in item.get("answer", []):
            (kind,) = answer
            assert questions[link]["type"] in types[kind], (link, kind)
            if kind == "valueCoding":
                options = [o["valueCoding"] for o in questions[link]["answerOption"]]
                assert answer[kind] in options, (link, answer)


def test_answers_are_typed_with_the_prompt_as_shown(home: SessionsHome) -> None:
    found = items(response())
    assert found["partner"]["answer"] == [{"valueString": "夫"}]
    assert found["self_trust"]["answer"] == [{"valueInteger": 6}]
    assert found["asked_others"]["answer"] == [{"valueBoolean": False}]
    (mood,) = found["mood"]["answer"]
    assert mood["valueCoding"] == {
        "system": f"urn:trustcoach:pack:{COUNSELOR_PACK}:choices:mood",
        "code": "tense",
        "display": "張りつめている",
    }
    assert found["never_belief_start"]["answer"] == [{"valueInteger": 70}]
    gestures = [a["valueCoding"]["code"] for a in found["gestures"]["answer"]]
    assert gestures == ["messages", "apology"]
    labels = [a["valueCoding"]["display"] for a in found["gestures"]["answer"]]
    assert labels == ["手紙、メッセージを送る。", "何度も謝る"]
    commitments = [a["valueString"] for a in found["commitments"]["answer"]]
    assert commitments == JA_ANSWERS["commitments"]
    # the prompt as the client saw it: the partner's name filled in
    assert "夫" in found["only_me"]["text"]
    assert "{partner}" not in found["only_me"]["text"]
    # the reviews of the first session's commitments, as repeated groups
    outcomes = [
        group["item"][1]["answer"][0]["valueCoding"]["code"]
        for group in response()["item"]
        if group["linkId"] == "reviews"
    ]
    assert outcomes == ["kept", "partly", "not_kept"]


def test_a_private_answer_stays_out_and_is_counted(home: SessionsHome) -> None:
    found = response()
    text = json.dumps(found, ensure_ascii=False)
    assert "sleep" not in items(found)
    assert SLEEP_PROMPT["ja"] not in text
    left_out = {e["url"]: e for e in found["extension"]}["urn:trustcoach:fhir:left-out"]
    assert left_out["valueInteger"] == 1
    assert "1件の回答はこのエクスポートに含まれていません" in found["text"]["div"]
    # excluding the partner's name leaves it out of every prompt that quoted it
    excluded = response("--exclude", "partner")
    assert "夫" not in json.dumps(excluded, ensure_ascii=False)
    assert {e["url"]: e for e in excluded["extension"]}["urn:trustcoach:fhir:left-out"] == {
        "url": "urn:trustcoach:fhir:left-out",
        "valueInteger": 2,
    }
    validate_r4(excluded)


def test_the_counselor_is_named(home: SessionsHome) -> None:
    found = response()
    counselor = {e["url"]: e for e in found["extension"]}["urn:trustcoach:fhir:counselor"]
    assert counselor["valueString"] == COUNSELOR["ja"][0]
    assert questionnaire("en")["publisher"] == COUNSELOR["en"][0]


def test_the_questionnaire_groups_questions_by_step_with_types_and_options(
    home: SessionsHome,
) -> None:
    asked = questionnaire("en")
    groups = [item["linkId"] for item in asked["item"]]
    steps = ["self", "myth-never", "myth-words", "myth-others", "commitments"]
    assert groups == ["reviews", *(f"step.{step}" for step in steps)]
    found = items(asked)
    assert found["self_trust"]["type"] == "integer"
    assert found["self_trust"]["text"] == PROMPTS["self_trust"]
    extensions = {
        e["url"].rsplit("/", 1)[-1]: e["valueInteger"] for e in found["sleep"]["extension"]
    }
    assert extensions == {"minValue": 1, "maxValue": 5}
    assert found["gestures"]["type"] == "choice"
    assert found["gestures"]["repeats"] is True
    assert found["commitments"]["type"] == "string"
    assert found["commitments"]["repeats"] is True
    assert found["asked_others"]["type"] == "boolean"
    assert found["gestures_landing"]["required"] is False
    assert found["partner"]["required"] is True
    assert asked["language"] == "en"
    assert asked["url"] == f"urn:trustcoach:pack:{COUNSELOR_PACK}"
    validate_r4(asked)


def test_an_unfinished_session_is_in_progress(home: SessionsHome) -> None:
    result = run_cli("start", "--pack", COUNSELOR_PACK, "--lang", "ja", input="n\n妻\n")
    assert result.exit_code == 130, result.stderr
    found = response()
    assert found["status"] == "in-progress"
    validate_r4(found)


def test_pack_show_refuses_an_unknown_format(home: SessionsHome) -> None:
    line = refused(run_cli("pack", "show", COUNSELOR_PACK, "--format", "xml"))
    assert "'xml'" in line
