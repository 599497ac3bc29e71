"""Encrypting an export to a counselor's age key (https://age-encryption.org), in memory, so
that the file exists on disk only as ciphertext. The counselor opens it with the standard
``age`` tool: ``age -d -i key.txt file.html.age > file.html``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trustcoach.errors import UsageError

if TYPE_CHECKING:
    from pyrage.ssh import Recipient as SSHRecipient
    from pyrage.x25519 import Recipient as X25519Recipient

    Recipient = X25519Recipient | SSHRecipient

SUFFIX = ".age"
MAX_RECIPIENT = 16_384  # characters: an SSH RSA key is under 1,000; an age key 62


def check_recipients(texts: list[str]) -> list[Recipient]:
    """Every key of a repeated ``--to-age`` (the counselor, a supervisor, a backup key): each
    checked, and one that cannot be used refused with its position, never dropped."""
    if len(texts) == 1:
        return [check_recipient(texts[0])]
    checked = []
    for position, text in enumerate(texts, start=1):
        try:
            checked.append(check_recipient(text))
        except UsageError:
            value = _short(text.strip())
            raise UsageError(
                "age_bad_recipient_at", position=position, count=len(texts), value=value
            ) from None
    return checked


def check_recipient(text: str) -> Recipient:
    """The counselor's public key: an age key (``age1...``) or an SSH public key
    (``ssh-ed25519 ...``, ``ssh-rsa ...``); UsageError in one sentence otherwise."""
    import pyrage

    key = text.strip()
    try:
        if len(key) <= MAX_RECIPIENT and key.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(key)
        if len(key) <= MAX_RECIPIENT and key.startswith("ssh-"):
            return pyrage.ssh.Recipient.from_str(key)
    except (pyrage.RecipientError, ValueError):
        pass
    raise UsageError("age_bad_recipient", value=_short(key))


def seal(data: bytes, recipients: list[Recipient]) -> bytes:
    """``data`` encrypted to every one of ``recipients`` (each can open it alone), in memory."""
    import pyrage

    return pyrage.encrypt(data, recipients)


def _short(key: str) -> str:
    """A key as it is named in a message: long ones cut."""
    return key if len(key) <= 80 else key[:77] + "..."
