"""A session's shared answers as an HL7 FHIR R4 ``QuestionnaireResponse`` (JSON), for a
practice's record system.

It answers the Questionnaire that ``pack show NAME --format fhir`` writes
(``fhir.py`` says how the two fit): every step a group, every shared answer an item whose
``linkId`` is the question id and whose ``text`` is the prompt as the client saw it, typed as
FHIR types it (``valueString``, ``valueInteger``, ``valueBoolean``, ``valueCoding``), and the
shared reviews as repeated ``reviews`` groups. Only what the document shares is here; how many
answers were left out (never which) is the extension ``urn:trustcoach:fhir:left-out``, and a
short narrative says it in words. The client's label is the ``subject``'s display, the pack's
counselor the extension ``urn:trustcoach:fhir:counselor``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from trustcoach.catalog.say import say
from trustcoach.export.document import Item, SharedReview, SharedSession
from trustcoach.export.fhir import (
    COUNSELOR_EXTENSION,
    LEFT_OUT_EXTENSION,
    REVIEW_COMMITMENT,
    REVIEW_NOTE,
    REVIEW_OUTCOME,
    REVIEWS_GROUP,
    SESSION_SYSTEM,
    XHTML,
    canonical,
    coding,
    outcome_coding,
    step_link,
)
from trustcoach.text import json_text

STATUS = {"complete": "completed", "in_progress": "in-progress"}


def resource(doc: SharedSession) -> dict[str, Any]:
    """The QuestionnaireResponse as JSON-ready data."""
    info, lang = doc.info, doc.lang
    extensions: list[dict[str, Any]] = [{"url": LEFT_OUT_EXTENSION, "valueInteger": doc.left_out}]
    if info.counselor:
        extensions.append({"url": COUNSELOR_EXTENSION, "valueString": info.counselor})
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": info.id,
        "language": lang,
        "text": {"status": "generated", "div": _narrative(doc)},
        "extension": extensions,
        "identifier": {"system": SESSION_SYSTEM, "value": info.id},
        "questionnaire": canonical(info.pack, info.pack_version),
        "status": STATUS[info.status],
    }
    if info.client:
        data["subject"] = {"display": info.client}
    data["authored"] = _when(_authored(doc))
    items = [_review(review, lang) for review in doc.reviews]
    for section in doc.sections:
        answered = [_item(doc, item) for item in section.items if not item.skipped]
        if answered:
            link = step_link(section.id)
            items.append({"linkId": link, "text": section.title, "item": answered})
    if items:
        data["item"] = items
    return data


def render(doc: SharedSession) -> str:
    """The QuestionnaireResponse as JSON text, safe to print at a terminal."""
    return json_text(resource(doc)) + "\n"


def _item(doc: SharedSession, item: Item) -> dict[str, Any]:
    return {"linkId": item.question, "text": item.prompt, "answer": _answers(doc, item)}


def _answers(doc: SharedSession, item: Item) -> list[dict[str, Any]]:
    """An answer as FHIR types it: several for a multiple choice or a list."""
    if item.kind in ("choice", "multi"):
        codes = item.codes or tuple((str(v), str(v)) for v in _values(item.value))
        return [
            {"valueCoding": coding(doc.info.pack, item.question, code, label)}
            for code, label in codes
        ]
    if item.kind == "rating" and isinstance(item.value, int):
        return [{"valueInteger": item.value}]
    if item.kind == "confirm" and isinstance(item.value, bool):
        return [{"valueBoolean": item.value}]
    return [{"valueString": str(value)} for value in _values(item.value) if str(value)]


def _values(value: object) -> list[object]:
    return list(value) if isinstance(value, tuple | list) else [value]


def _review(review: SharedReview, lang: str) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {
            "linkId": REVIEW_COMMITMENT,
            "text": say(lang, "fhir_review_commitment"),
            "answer": [{"valueString": review.text}],
        },
        {
            "linkId": REVIEW_OUTCOME,
            "text": say(lang, "fhir_review_outcome"),
            "answer": [{"valueCoding": outcome_coding(review.outcome, lang)}],
        },
    ]
    if review.note:
        parts.append(
            {
                "linkId": REVIEW_NOTE,
                "text": say(lang, "fhir_review_note"),
                "answer": [{"valueString": review.note}],
            }
        )
    return {"linkId": REVIEWS_GROUP, "text": say(lang, "doc_reviews"), "item": parts}


def _authored(doc: SharedSession) -> datetime:
    """When the shared answers were given: the latest of them (of a withheld answer nothing
    is said, not even its time), else when the session started."""
    moments = [item.answered_at for section in doc.sections for item in section.items]
    moments += [review.reviewed_at for review in doc.reviews]
    return max(moments, default=doc.info.started_at)


def _when(moment: datetime) -> str:
    """A FHIR dateTime: with its offset, or only the day when the time has none."""
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def _narrative(doc: SharedSession) -> str:
    """A few words for a person reading the resource: what it is and how much was left out."""
    from trustcoach.export.render_html import html_text

    lines = [doc.title, *(f"{key}: {value}" for key, value in doc.meta)]
    lines.append(say(doc.lang, "doc_left_out", count=doc.left_out))
    body = "".join(f"<p>{html_text(line).replace('<br>', '<br/>')}</p>" for line in lines)
    return f'<div xmlns="{XHTML}">{body}</div>'
