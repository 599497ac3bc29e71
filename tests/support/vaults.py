"""A locked home: the passphrase, reading and sealing files as trustcoach does, and searching
every byte under the home for words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import tomli
import tomli_w

from trustcoach.lock.crypto import KdfParams

# A passphrase with kana and a decomposable accent, as people type them (NFC is applied).
PASSPHRASE = "night walk 七つの星 café"
NEW_PASSPHRASE = "morning tea 三つの約束"
# A key file made in a test costs a millisecond rather than Argon2id's 64 MiB (``passphrase``
# fixture); key files made by a spawned trustcoach use the real parameters.
FAST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)


def passphrase_file(folder: Path, text: str = PASSPHRASE, name: str = "passphrase") -> Path:
    """A file whose first line is the passphrase (for TRUSTCOACH_PASSPHRASE_FILE)."""
    path = folder / name
    path.write_text(text + "\n", "utf-8")
    return path


def is_sealed(path: Path) -> bool:
    """Whether a file on disk is sealed (starts with the magic of a locked file)."""
    with path.open("rb") as handle:
        return handle.read(4) == b"\x89TCL"


def _vault(home: Path, passphrase: str) -> Any:
    from trustcoach.lock.vault import Vault

    def ask(attempt: int) -> str:
        assert attempt == 0, "the passphrase of the test does not open the home"
        return passphrase

    return Vault(home, ask)


def plain_bytes(
    home: Path, path: Path, passphrase: str = PASSPHRASE, raw: bytes | None = None
) -> bytes:
    """A file of the home (or ``raw``, bytes read from it earlier) as plain bytes: opened with
    the passphrase when sealed, as they are when not."""
    vault = _vault(home, passphrase)
    try:
        return bytes(vault.open(path.read_bytes() if raw is None else raw, path))
    finally:
        vault.release()


def as_stored(home: Path, path: Path, data: bytes) -> bytes:
    """The bytes trustcoach would write to ``path`` for ``data``: sealed in a locked home."""
    vault = _vault(home, PASSPHRASE)
    try:
        return bytes(vault.seal(data, path))
    finally:
        vault.release()


def read_any_journal(home: Path, path: Path) -> dict[str, Any]:
    """A journal file as TOML data, sealed or plain (``read_journal`` for a locked home)."""
    return tomli.loads(plain_bytes(home, path).decode("utf-8"))


def home_files(home: Path) -> dict[Path, bytes]:
    """Every regular file under the home, with its bytes."""
    return {path: path.read_bytes() for path in sorted(home.rglob("*")) if path.is_file()}


def word_forms(word: str) -> list[bytes]:
    """The ways a word could sit in a file: UTF-8, UTF-16 (SQLite can store it so), and as
    JSON and TOML escape it."""
    forms = {
        word.encode("utf-8"),
        word.encode("utf-16-le"),
        json.dumps(word).strip('"').encode("ascii"),
        json.dumps(word, ensure_ascii=False).strip('"').encode("utf-8"),
        tomli_w.dumps({"k": word}).split(" = ", 1)[1].strip().strip('"').encode("utf-8"),
    }
    return sorted(form for form in forms if form)


def words_on_disk(home: Path, words: list[str]) -> list[tuple[Path, str]]:
    """Which of ``words`` (in any of their forms) some file under the home holds."""
    found = []
    for path, data in home_files(home).items():
        for word in words:
            if any(form in data for form in word_forms(word)):
                found.append((path, word))
    return found
