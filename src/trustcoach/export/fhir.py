"""A pack as an HL7 FHIR R4 ``Questionnaire`` (``pack show NAME --format fhir``), and the names
it shares with the ``QuestionnaireResponse`` of ``export --format fhir`` (``render_fhir.py``).

The canonical URL of a pack's Questionnaire is ``urn:trustcoach:pack:<id>``, and a response
names it with the pack's version: ``urn:trustcoach:pack:<id>|<version>``. Both languages of a
pack share it: their ids, kinds and limits are the same (``pack validate`` holds them to it),
only the texts differ, and each Questionnaire says its ``language``. Every step is a group
item (``linkId`` ``step.<step id>``) holding its questions (``linkId`` the question id); the
reviews of earlier commitments that every session begins with are a repeating group
``reviews`` (question ids never hold a dot, so ``step.self`` or ``reviews.outcome`` cannot
clash with one). Nothing here reaches the network: the URLs are names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trustcoach.catalog.say import say

if TYPE_CHECKING:  # the pack models are only needed to make a Questionnaire (pack show)
    from trustcoach.catalog.keys import Key
    from trustcoach.packs.model import Pack, Question

CANONICAL = "urn:trustcoach:pack:{pack}"
CHOICES_SYSTEM = "urn:trustcoach:pack:{pack}:choices:{question}"
OUTCOME_SYSTEM = "urn:trustcoach:review-outcome"
SESSION_SYSTEM = "urn:trustcoach:session"
LEFT_OUT_EXTENSION = "urn:trustcoach:fhir:left-out"  # valueInteger: answers not shared
COUNSELOR_EXTENSION = "urn:trustcoach:fhir:counselor"  # valueString: the pack's counselor
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"  # core extensions of FHIR R4
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
XHTML = "http://www.w3.org/1999/xhtml"

REVIEWS_GROUP = "reviews"
REVIEW_COMMITMENT, REVIEW_OUTCOME, REVIEW_NOTE = (
    "reviews.commitment",
    "reviews.outcome",
    "reviews.note",
)
OUTCOMES: tuple[tuple[str, Key], ...] = (
    ("kept", "doc_kept"),
    ("partly", "doc_partly"),
    ("not_kept", "doc_not_kept"),
)

ITEM_TYPES = {
    "text": "text",
    "rating": "integer",
    "choice": "choice",
    "multi": "choice",
    "confirm": "boolean",
    "list": "string",
}


def step_link(step_id: str) -> str:
    """The linkId of a step's group: ``step.<id>`` (a step and a question may share an id,
    as the default pack's ``commitments`` do, and linkIds may not)."""
    return f"step.{step_id}"


def canonical(pack_id: str, version: str | None = None) -> str:
    """The canonical URL of a pack's Questionnaire, with ``|version`` when given."""
    url = CANONICAL.format(pack=pack_id)
    return f"{url}|{version}" if version else url


def coding(pack_id: str, question_id: str, value: str, label: str) -> dict[str, str]:
    """A choice as a FHIR Coding: the pack's value as its code, its label as its display."""
    system = CHOICES_SYSTEM.format(pack=pack_id, question=question_id)
    return {"system": system, "code": value, "display": label}


def outcome_coding(outcome: str, lang: str) -> dict[str, str]:
    """How a commitment went, as a Coding."""
    key = dict(OUTCOMES)[outcome]
    return {"system": OUTCOME_SYSTEM, "code": outcome, "display": say(lang, key)}


def questionnaire(pack: Pack) -> dict[str, Any]:
    """The pack as a FHIR R4 Questionnaire (JSON-ready data)."""
    from trustcoach.text import reflow

    data: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "language": pack.lang,
        "url": canonical(pack.id),
        "version": pack.version,
        "name": _computable_name(pack.id),
        "title": pack.title,
        "status": "active",
        "subjectType": ["Patient"],
    }
    if pack.counselor is not None:
        data["publisher"] = pack.counselor.name
        if pack.counselor.contact:
            data["contact"] = [{"name": pack.counselor.contact}]
    if pack.description.strip():
        data["description"] = reflow(pack.description)
    items = [_reviews_group(pack)]
    for step in pack.steps:
        questions = [_question(pack, question) for question in step.questions]
        link = step_link(step.id)
        items.append({"linkId": link, "text": step.title, "type": "group", "item": questions})
    data["item"] = items
    return data


def _question(pack: Pack, question: Question) -> dict[str, Any]:
    from trustcoach.text import reflow

    item: dict[str, Any] = {
        "linkId": question.id,
        "text": reflow(question.prompt),
        "type": ITEM_TYPES[question.kind],
        "required": question.required,
    }
    if question.kind in ("multi", "list"):
        item["repeats"] = True
    if question.kind == "rating":
        item["extension"] = [
            {"url": MIN_VALUE, "valueInteger": question.min},
            {"url": MAX_VALUE, "valueInteger": question.max},
        ]
    if question.kind in ("choice", "multi"):
        item["answerOption"] = [
            {"valueCoding": coding(pack.id, question.id, choice.value, choice.label)}
            for choice in question.choices or []
        ]
    if question.kind in ("text", "list") and question.max_length is not None:
        item["maxLength"] = question.max_length
    return item


def _reviews_group(pack: Pack) -> dict[str, Any]:
    """The reviews of earlier commitments a session begins with: one group per review."""
    lang = pack.lang
    return {
        "linkId": REVIEWS_GROUP,
        "text": say(lang, "doc_reviews"),
        "type": "group",
        "required": False,
        "repeats": True,
        "item": [
            {
                "linkId": REVIEW_COMMITMENT,
                "text": say(lang, "fhir_review_commitment"),
                "type": "string",
                "required": True,
            },
            {
                "linkId": REVIEW_OUTCOME,
                "text": say(lang, "fhir_review_outcome"),
                "type": "choice",
                "required": True,
                "answerOption": [
                    {"valueCoding": outcome_coding(code, lang)} for code, _ in OUTCOMES
                ],
            },
            {
                "linkId": REVIEW_NOTE,
                "text": say(lang, "fhir_review_note"),
                "type": "text",
                "required": False,
            },
        ],
    }


def _computable_name(pack_id: str) -> str:
    """A name a machine can use (FHIR suggests letters and digits, starting upper case)."""
    return "".join(part.capitalize() for part in pack_id.replace("_", "-").split("-"))
