"""A pack's safety text as it is shown: at the start of a session, and again whenever the user
asks for it (``trustcoach safety``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.catalog.say import say
from trustcoach.text import reflow

if TYPE_CHECKING:
    from trustcoach.packs.model import Pack


def safety_text(pack: Pack, lang: str) -> str:
    """The pack's safety paragraphs, then the support services it lists, one per line."""
    text = reflow(pack.safety)
    if pack.resources:
        listed = "\n".join(say(lang, "resource_item", text=item) for item in pack.resources)
        text += f"\n\n{say(lang, 'resources')}\n{listed}"
    return text


def counselor_line(pack: Pack, lang: str) -> str | None:
    """Who prepared the pack and how to reach them, when the pack says so."""
    counselor = pack.counselor
    if counselor is None:
        return None
    heading = say(lang, "counselor_from", name=counselor.name)
    if counselor.contact:
        heading = say(lang, "aside", text=heading, aside=counselor.contact)
    return heading
