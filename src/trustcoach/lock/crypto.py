"""The cryptography of a locked home: sealed files, and the data key wrapped by a passphrase.

Only the ``cryptography`` package is used, imported inside the functions below, so that a home
that is not locked never loads it.

A **sealed file** is one file of the user's (a journal, a day's check-ins, the index) encrypted
with AES-256-GCM under the home's random 256-bit data key::

    magic    4 bytes   89 54 43 4C  ("\\x89TCL": never the start of UTF-8 text, so never TOML)
    version  1 byte    01
    key id   8 bytes   which data key sealed it (written in the key file too)
    nonce   12 bytes   random, fresh for every write
    sealed   n + 16    the file's bytes, encrypted, then the 16-byte GCM tag

The associated data is the first 13 bytes followed by the file's identity, its path inside the
home (``journals/20261126-214305-a3f9.toml``): a sealed file moved to another name, or swapped
with another, does not open. A changed byte anywhere does not open either.

The **data key** is wrapped (AES-256-GCM again) by a key derived from the passphrase with
Argon2id, whose parameters and salt are the associated data of the wrap, so a changed parameter
or salt is found as surely as a wrong passphrase. RFC 9106's second recommended option is the
default: 64 MiB of memory, 3 passes, 4 lanes, a 16-byte random salt.
"""

from __future__ import annotations

import os
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

MAGIC = b"\x89TCL"
VERSION = 1
HEADER = len(MAGIC) + 1 + 8  # magic, version, key id: the part of the associated data read first
NONCE = 12
TAG = 16
OVERHEAD = HEADER + NONCE + TAG  # bytes a sealed file has beyond the bytes it holds
KEY_BYTES = 32
KEY_ID_BYTES = 8
WRAPPED_BYTES = NONCE + KEY_BYTES + TAG


class KdfParams(NamedTuple):
    """Argon2id's cost: memory in KiB, passes over it, lanes (parallelism)."""

    memory_kib: int
    iterations: int
    lanes: int


RFC9106_SECOND = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)
DEFAULT_PARAMS = RFC9106_SECOND  # what lock and lock --change use (read when they run)
SALT_BYTES = 16

# What a key file may ask for, a few times the defaults at most: a key file can come from another
# device (it is safe to sync), and a hostile one must not make every locked command use
# gigabytes or minutes before the passphrase is even checked. At the bounds a derivation takes
# about eight times the default's time and four times its memory (256 MiB); anything beyond is
# a damaged key file, refused before any work. (Lower bounds are Argon2's own.) Raise these
# with the defaults, in the same release, should the defaults ever grow.
MAX_MEMORY_KIB = 4 * RFC9106_SECOND.memory_kib
MAX_ITERATIONS = 2 * RFC9106_SECOND.iterations
MAX_LANES = 4 * RFC9106_SECOND.lanes


class SealError(ValueError):
    """Sealed bytes that cannot be opened; ``reason`` is a catalog key that says why."""

    def __init__(self, reason: Key) -> None:
        super().__init__(reason)
        self.reason = reason


def new_key() -> bytes:
    """A fresh random data key."""
    return os.urandom(KEY_BYTES)


def new_key_id() -> bytes:
    """A fresh random key id (not secret: it only tells which key sealed a file)."""
    return os.urandom(KEY_ID_BYTES)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def is_sealed(raw: bytes) -> bool:
    """Whether bytes are a sealed file (by their first bytes; TOML text never starts so)."""
    return raw.startswith(MAGIC)


def sealed_key_id(raw: bytes) -> bytes:
    """The key id a sealed file names; SealError when the header is not one this version
    reads."""
    if len(raw) < OVERHEAD:
        raise SealError("sealed_damaged")
    if raw[len(MAGIC)] != VERSION:
        raise SealError("sealed_newer")
    return raw[len(MAGIC) + 1 : HEADER]


def seal(key: bytes, key_id: bytes, identity: str, data: bytes) -> bytes:
    """``data`` sealed for the file ``identity`` (its path inside the home)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = MAGIC + bytes([VERSION]) + key_id
    nonce = os.urandom(NONCE)
    return header + nonce + AESGCM(key).encrypt(nonce, data, header + identity.encode("utf-8"))


def unseal(key: bytes, key_id: bytes, identity: str, raw: bytes) -> bytes:
    """The bytes sealed in ``raw`` for the file ``identity``; SealError when they cannot be
    trusted: another key sealed them, another file's bytes, a changed byte, a cut file."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if sealed_key_id(raw) != key_id:
        raise SealError("sealed_other_key")
    header, nonce = raw[:HEADER], raw[HEADER : HEADER + NONCE]
    try:
        return AESGCM(key).decrypt(nonce, raw[HEADER + NONCE :], header + identity.encode("utf-8"))
    except InvalidTag:
        raise SealError("sealed_damaged") from None


def passphrase_bytes(passphrase: str) -> bytes:
    """A passphrase as the bytes the key is derived from: Unicode NFC, then UTF-8, so that the
    same words typed through different input methods (composed or decomposed kana and accents)
    give the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The key-encryption key: Argon2id over the passphrase (the slow, deliberate step)."""
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase_bytes(passphrase))


def wrap(kek: bytes, data_key: bytes, header: bytes) -> bytes:
    """The data key encrypted under the passphrase's key, bound to the key file's header."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE)
    return nonce + AESGCM(kek).encrypt(nonce, data_key, header)


def unwrap(kek: bytes, wrapped: bytes, header: bytes) -> bytes | None:
    """The data key, or None when the passphrase (or the header) is not the one it was wrapped
    with: the two cannot be told apart, by design."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = AESGCM(kek).decrypt(wrapped[:NONCE], wrapped[NONCE:], header)
    except InvalidTag:
        return None
    return key if len(key) == KEY_BYTES else None
