"""The key file of a locked home, ``<home>/lock.toml``: its data key, wrapped by the passphrase.

A small TOML file, readable in any editor, so that a person can see what it is::

    format = 1
    kdf = "argon2id"
    memory_kib = 65536
    iterations = 3
    lanes = 4
    salt = "<16 random bytes, base64>"
    key_id = "<8 random bytes, hex>"
    wrapped_key = "<nonce, data key and tag, base64>"

Everything but ``wrapped_key`` is the header: it is bound to the wrapped key as associated data,
in one canonical form, so a changed parameter, salt or key id makes the key file open with no
passphrase at all. Its presence is what makes a home locked. It holds nothing the user wrote.

While a passphrase change locks every file again with a new data key (``home/rekeying.py``),
the key file also holds the old one, ``retired_key_id`` and ``retired_key``: the old data key
wrapped by the new one (bound to both key ids), so that the files not reached yet still open,
with the new passphrase only. The change removes them once no file is locked with the old key.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from trustcoach.errors import UsageError
from trustcoach.lock import crypto

if TYPE_CHECKING:
    from trustcoach.catalog.keys import Key

KEY_FILE = "lock.toml"
FORMAT = 1
KDF = "argon2id"
KEY_FILE_LIMIT = 64 * 1024  # bytes; a real key file is about 400
_FIELDS = ("format", "kdf", "memory_kib", "iterations", "lanes", "salt", "key_id", "wrapped_key")
_RETIRED = ("retired_key_id", "retired_key")  # both or neither: a passphrase change under way
_COMMENT = (
    "# This trustcoach home is locked: its journals open only with the passphrase.\n"
    "# There is no other way in. Keep this file with the journals; without it they are gone.\n"
)


class KeyFile(NamedTuple):
    """The contents of a key file."""

    params: crypto.KdfParams
    salt: bytes
    key_id: bytes
    wrapped_key: bytes
    retired_id: bytes = b""  # a passphrase change under way: the old data key's id,
    retired_key: bytes = b""  # and the old data key, wrapped by this file's data key

    def header(self) -> bytes:
        """The canonical header: the associated data of the wrapped key."""
        p = self.params
        lines = [
            f"format={FORMAT}",
            f"kdf={KDF}",
            f"memory_kib={p.memory_kib}",
            f"iterations={p.iterations}",
            f"lanes={p.lanes}",
            f"salt={_b64(self.salt)}",
            f"key_id={self.key_id.hex()}",
        ]
        return ("trustcoach key file\n" + "\n".join(lines) + "\n").encode("ascii")

    def open(self, passphrase: str) -> bytes | None:
        """The data key, or None when this is not the passphrase."""
        kek = crypto.derive(passphrase, self.salt, self.params)
        return crypto.unwrap(kek, self.wrapped_key, self.header())

    def _retired_header(self) -> bytes:
        return b"trustcoach retired key\n" + self.retired_id + self.key_id

    def retiring(self, data_key: bytes, old_id: bytes, old_key: bytes) -> KeyFile:
        """This key file, also holding the old data key (wrapped by ``data_key``, its own)."""
        keeping = self._replace(retired_id=old_id)
        wrapped = crypto.wrap(data_key, old_key, keeping._retired_header())
        return keeping._replace(retired_key=wrapped)

    def retired(self, data_key: bytes) -> bytes | None:
        """The old data key a passphrase change still holds, opened with this file's data key;
        None when there is none, or when it does not open (a changed key file)."""
        if not self.retired_id:
            return None
        return crypto.unwrap(data_key, self.retired_key, self._retired_header())

    def rewrapped(self, data_key: bytes, passphrase: str, params: crypto.KdfParams) -> KeyFile:
        """The same data key and key id under another passphrase (a fresh salt)."""
        return make(data_key, self.key_id, passphrase, params)

    def dump(self) -> bytes:
        """The key file's text."""
        import tomli_w

        p = self.params
        data = {
            "format": FORMAT,
            "kdf": KDF,
            "memory_kib": p.memory_kib,
            "iterations": p.iterations,
            "lanes": p.lanes,
            "salt": _b64(self.salt),
            "key_id": self.key_id.hex(),
            "wrapped_key": _b64(self.wrapped_key),
        }
        comment = _COMMENT
        if self.retired_id:
            data |= {"retired_key_id": self.retired_id.hex(), "retired_key": _b64(self.retired_key)}
            comment += "# A passphrase change was cut short: 'trustcoach lock' finishes it.\n"
        return (comment + tomli_w.dumps(data)).encode("utf-8")


def make(data_key: bytes, key_id: bytes, passphrase: str, params: crypto.KdfParams) -> KeyFile:
    """A key file holding ``data_key`` wrapped by ``passphrase``."""
    salt = crypto.new_salt()
    unwrapped = KeyFile(params, salt, key_id, b"")
    kek = crypto.derive(passphrase, salt, params)
    return unwrapped._replace(wrapped_key=crypto.wrap(kek, data_key, unwrapped.header()))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key_file_path(home: Path) -> Path:
    return home / KEY_FILE


def refuse_link(home: Path) -> None:
    """UsageError in one sentence when the key file is a symbolic link: it would be read
    through it, but replaced (``lock --change``) or destroyed (``forget --all``) only as a
    link, leaving the file it points to whole. So it is refused everywhere alike."""
    path = key_file_path(home)
    if path.is_symlink():
        raise UsageError("key_file_link", path=path, target=os.readlink(path))


def read_key_file(home: Path) -> KeyFile:
    """The home's key file; UsageError in one sentence when it cannot be read or trusted."""
    from trustcoach.files import NotRegularFile, TomlReadError, read_regular

    path = key_file_path(home)
    refuse_link(home)
    try:
        data = _parse(read_regular(path, KEY_FILE_LIMIT))
    except FileNotFoundError:
        raise UsageError("key_file_missing", path=path) from None
    except (NotRegularFile, TomlReadError) as exc:
        raise UsageError("key_file_damaged", path=path, reason=exc.message) from None
    except OSError as exc:
        raise UsageError("key_file_unreadable", path=path, reason=exc.strerror) from None
    return parse_key_file(data, path)


def _parse(raw: bytes) -> dict[str, Any]:
    """The key file's TOML, by rtoml (its import costs a third of tomli's, and ``list`` needs
    no other TOML); tomli says why when rtoml refuses it, in the words used everywhere."""
    from trustcoach.files import read_toml, read_toml_fast

    data = read_toml_fast(raw)
    return data if data is not None else read_toml(raw)


def parse_key_file(data: dict[str, Any], path: Path) -> KeyFile:
    """A key file from its TOML data, every field checked before any work is done with it."""
    from trustcoach.catalog.say import Message

    def damaged(key: Key, **values: object) -> UsageError:
        return UsageError("key_file_damaged", path=path, reason=Message(key, values))

    version = data.get("format")
    if type(version) is int and version > FORMAT:
        raise UsageError("key_file_newer", path=path, version=version)
    unknown = sorted(set(data) - set(_FIELDS) - set(_RETIRED))
    missing = [name for name in _FIELDS if name not in data]
    if any(name in data for name in _RETIRED):
        missing += [name for name in _RETIRED if name not in data]
    if unknown or missing:
        raise damaged("key_file_fields", fields=", ".join(unknown or missing))
    if version != FORMAT or data["kdf"] != KDF:
        raise damaged("key_file_field", field="format" if version != FORMAT else "kdf")
    numbers = {}
    bounds = {
        "memory_kib": (8, crypto.MAX_MEMORY_KIB),
        "iterations": (1, crypto.MAX_ITERATIONS),
        "lanes": (1, crypto.MAX_LANES),
    }
    for name, (low, high) in bounds.items():
        value = data[name]
        if type(value) is not int or not low <= value <= high:
            raise damaged("key_file_field", field=name)
        numbers[name] = value
    params = crypto.KdfParams(**numbers)
    if params.memory_kib < 8 * params.lanes:
        raise damaged("key_file_field", field="memory_kib")
    salt = _decode(data["salt"], _from_b64)
    key_id = _decode(data["key_id"], bytes.fromhex)
    wrapped = _decode(data["wrapped_key"], _from_b64)
    for name, value, sizes in (
        ("salt", salt, range(crypto.SALT_BYTES, 65)),
        ("key_id", key_id, (crypto.KEY_ID_BYTES,)),
        ("wrapped_key", wrapped, (crypto.WRAPPED_BYTES,)),
    ):
        if value is None or len(value) not in sizes:
            raise damaged("key_file_field", field=name)
    assert salt is not None and key_id is not None and wrapped is not None
    if "retired_key_id" not in data:
        return KeyFile(params, salt, key_id, wrapped)
    retired_id = _decode(data["retired_key_id"], bytes.fromhex)
    retired = _decode(data["retired_key"], _from_b64)
    if retired_id is None or len(retired_id) != crypto.KEY_ID_BYTES:
        raise damaged("key_file_field", field="retired_key_id")
    if retired is None or len(retired) != crypto.WRAPPED_BYTES:
        raise damaged("key_file_field", field="retired_key")
    return KeyFile(params, salt, key_id, wrapped, retired_id, retired)


def _from_b64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def _decode(value: object, decode: Any) -> bytes | None:
    if not isinstance(value, str) or not value.isascii():
        return None
    try:
        decoded: bytes = decode(value)
    except (binascii.Error, ValueError):
        return None
    return decoded


def write_key_file(home: Path, key_file: KeyFile) -> None:
    """Write the key file atomically (private, fsynced, the folder too). The one it replaces
    is overwritten where it lay once the new one is in place (``files.overwrite_in_place``),
    so that the free blocks of the disk keep no copy of an older key, unless another name
    holds it too (a backup tool's hard link: a copy made on purpose)."""
    from trustcoach.files import overwrite_in_place, write_atomic

    path = key_file_path(home)
    try:
        old = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:  # none yet (a first lock), or not a file trustcoach would overwrite
        old = -1
    try:
        write_atomic(path, key_file.dump())
        if old >= 0:
            overwrite_in_place(old)
    finally:
        if old >= 0:
            os.close(old)


def destroy_key_file(home: Path) -> bool:
    """Overwrite the key file where it lies, then remove it: what was locked with it can never
    be opened again. (An SSD or a copy-on-write file system may keep the old blocks somewhere,
    but the passphrase is needed to use them.) False when there was no key file; UsageError
    when it is a symbolic link (``refuse_link``)."""
    from trustcoach.files import destroy_file, fsync_dir

    refuse_link(home)
    if not destroy_file(key_file_path(home)):
        return False
    fsync_dir(home)
    return True
