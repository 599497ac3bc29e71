"""The journal: one TOML file per session, its model, and the store of them under the home.

The store never prints. It only rewrites a journal it has read successfully (or created), and
always atomically, so a file it cannot understand is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from trustcoach.errors import JournalError, UsageError
from trustcoach.home import ensure_private_dir
from trustcoach.packs import ID_PATTERN, Kind
from trustcoach.tomlio import (
    PRIVATE_FILE,
    TEMP_PREFIX,
    TomlReadError,
    dump_toml,
    read_toml,
    write_atomic,
)

SCHEMA_VERSION = 1
SESSION_ID_RE = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{4}$")
SESSION_PREFIX_RE = re.compile(r"^[0-9a-f-]{1,20}$")

Status = Literal["in_progress", "complete"]
Outcome = Literal["kept", "partly", "not_kept"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Answer(_Strict):
    """One answered (or knowingly skipped) question, with the prompt exactly as it was shown."""

    step: str
    question: str
    kind: Kind
    prompt: str
    value: str | int | bool | list[str]
    answered_at: datetime
    skipped: bool = False


class Commitment(_Strict):
    """A concrete action the user committed to, with its due date."""

    id: str = Field(pattern=r"^c\d{1,2}$")
    question: str
    text: str
    due: date
    flags: list[str] = []  # misconception checks the user saw and chose to keep it through


class Review(_Strict):
    """How an earlier session's commitment went, recorded in the session that reviewed it."""

    session: str = Field(pattern=SESSION_ID_RE.pattern)
    commitment: str = Field(pattern=r"^c\d{1,2}$")
    text: str
    outcome: Outcome
    note: str = ""
    reviewed_at: datetime


class Journal(_Strict):
    """One session: its pack, state, answers, commitments and reviews."""

    schema_version: int
    id: str = Field(pattern=SESSION_ID_RE.pattern)
    pack: str = Field(pattern=ID_PATTERN)
    pack_version: str
    pack_sha256: str = ""
    pack_source: str = ""
    lang: Literal["ja", "en"]
    status: Status
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    review_plan: list[str] = []  # earlier commitments ("<session>/<id>") this session reviews
    answers: list[Answer] = []
    commitments: list[Commitment] = []
    reviews: list[Review] = []

    def answer(self, question_id: str) -> Answer | None:
        """The recorded answer to a question, if any."""
        for answer in self.answers:
            if answer.question == question_id:
                return answer
        return None

    def values(self) -> dict[str, Any]:
        """Answered values by question id, skipped questions left out."""
        return {a.question: a.value for a in self.answers if not a.skipped}

    def to_toml(self) -> bytes:
        """The journal as TOML bytes; absent optional fields are left out."""
        return dump_toml(self.model_dump(exclude_none=True))


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def new_session_id(moment: datetime) -> str:
    """An id that sorts by start time and is unlikely to collide: ``20261126-140512-a3f9``."""
    return f"{moment:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def parse_journal(raw: bytes) -> Journal:
    """Read journal bytes; raise JournalError with the reason if they cannot be trusted."""
    try:
        data = read_toml(raw)
    except TomlReadError as exc:
        raise JournalError(str(exc)) from None
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise JournalError(
            f"was written by a newer trustcoach (schema {version}); update trustcoach to read it"
        )
    if version != SCHEMA_VERSION:
        raise JournalError(f"has schema_version {version!r}; this trustcoach reads version 1")
    try:
        return Journal.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        from trustcoach.packs import format_location

        place = format_location(tuple(error["loc"]))
        reason = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise JournalError(f"is not a valid journal: {place}: {reason}{more}") from None


@dataclass(frozen=True)
class ScannedJournal:
    """A journal file found on disk: its parsed contents, or why it could not be read."""

    path: Path
    journal: Journal | None
    problem: str = ""


class JournalStore:
    """The journals under ``<home>/journals``."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.folder = home / "journals"
        self._held: dict[str, int] = {}  # session id -> open lock file descriptor

    def ensure(self) -> None:
        """Create the home and journals folders, private to the owner; tidy what a crash left.

        Temporary files of processes that are gone are removed, and journal files that others
        could read are made private again.
        """
        ensure_private_dir(self.home)
        ensure_private_dir(self.folder)
        self.remove_stale_temporaries()
        self.repair_file_modes()

    def stale_temporaries(self) -> list[Path]:
        """Temporary files left by a process that no longer runs (a crash mid-save)."""
        stale = []
        for path in self.folder.glob(f"{TEMP_PREFIX}*"):
            pid = path.name.rsplit(".", 1)[-1]
            if not (pid.isdigit() and _process_alive(int(pid))):
                stale.append(path)
        return stale

    def remove_stale_temporaries(self) -> int:
        """Delete stale temporary files; the journals they were meant for are intact."""
        removed = 0
        for path in self.stale_temporaries():
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
        return removed

    def loose_files(self) -> list[Path]:
        """Journal files that someone other than the owner could read or write."""
        loose = []
        for path in self.folder.glob("*.toml"):
            with contextlib.suppress(OSError):
                if not path.is_symlink() and path.stat().st_mode & 0o077:
                    loose.append(path)
        return loose

    def repair_file_modes(self) -> int:
        """Make every journal file readable by the owner only; returns how many were changed."""
        repaired = 0
        for path in self.loose_files():
            with contextlib.suppress(OSError):
                path.chmod(PRIVATE_FILE)
                repaired += 1
        return repaired

    def hold(self, session_id: str) -> None:
        """Claim a session for this process until it exits, so two terminals never write it.

        Raises UsageError when another running trustcoach holds the session.
        """
        if session_id in self._held:
            return
        try:
            import fcntl
        except ImportError:  # no advisory locks on this platform
            return
        locks = ensure_private_dir(self.home / "locks")
        fd = os.open(
            locks / f"{self.path_for(session_id).stem}.lock", os.O_RDWR | os.O_CREAT, 0o600
        )
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise UsageError(
                f"session {session_id} is open in another terminal; finish or close it there first"
            ) from None
        self._held[session_id] = fd

    def path_for(self, session_id: str) -> Path:
        """The file of a session id; ids that could point elsewhere are refused."""
        if not SESSION_ID_RE.match(session_id):
            raise UsageError(f"'{session_id}' is not a session id (like 20261126-140512-a3f9)")
        return self.folder / f"{session_id}.toml"

    def create(self, journal: Journal) -> Journal:
        """Write a new journal; its file must not exist yet (a fresh id is drawn if it does)."""
        self.ensure()
        for _ in range(20):
            try:
                write_atomic(self.path_for(journal.id), journal.to_toml(), exclusive=True)
                self.hold(journal.id)
                return journal
            except FileExistsError:
                journal = journal.model_copy(update={"id": new_session_id(journal.started_at)})
            except OSError as exc:
                raise self._write_error(exc) from None
        raise JournalError("could not find a free file name for a new journal")

    def save(self, journal: Journal) -> None:
        """Replace a journal's file atomically with the journal's current state."""
        try:
            write_atomic(self.path_for(journal.id), journal.to_toml())
        except OSError as exc:
            raise self._write_error(exc) from None

    def _write_error(self, exc: OSError) -> JournalError:
        reason = exc.strerror or str(exc)
        return JournalError(
            f"could not save to {self.folder}: {reason}. "
            "Your earlier answers are unchanged; free some space or fix the folder and resume"
        )

    def load(self, session_id: str) -> Journal:
        """Read one journal by id; unreadable files raise JournalError with the reason."""
        path = self.path_for(session_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"there is no session '{session_id}'") from None
        except OSError as exc:
            raise JournalError(f"{path} cannot be read: {exc.strerror}") from None
        try:
            return parse_journal(raw)
        except JournalError as exc:
            raise JournalError(f"{path} {exc.message}; it was left unchanged") from None

    def session_ids(self) -> list[str]:
        """Ids of every journal file, oldest first (ids sort by start time)."""
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise JournalError(f"cannot list {self.folder}: {exc.strerror}") from None
        ids = [name[:-5] for name in names if name.endswith(".toml")]
        return sorted(i for i in ids if SESSION_ID_RE.match(i))

    def scan(self) -> list[ScannedJournal]:
        """Every journal, oldest first, each parsed or marked unreadable with its reason."""
        found: list[ScannedJournal] = []
        for session_id in self.session_ids():
            path = self.folder / f"{session_id}.toml"
            try:
                found.append(ScannedJournal(path, parse_journal(path.read_bytes())))
            except JournalError as exc:
                found.append(ScannedJournal(path, None, exc.message))
            except OSError as exc:
                found.append(ScannedJournal(path, None, f"cannot be read: {exc.strerror}"))
        return found

    def resolve(self, ref: str) -> str:
        """A session id from an id, a unique prefix of one, or ``latest``."""
        ids = self.session_ids()
        if ref == "latest":
            if not ids:
                raise UsageError("there are no sessions yet: 'trustcoach start' begins one")
            return ids[-1]
        if not SESSION_PREFIX_RE.match(ref):
            raise UsageError(f"'{ref}' is not a session id (like 20261126-140512-a3f9)")
        matches = [i for i in ids if i.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UsageError(f"there is no session '{ref}': 'trustcoach list' shows them")
        raise UsageError(f"'{ref}' matches {len(matches)} sessions; give more of the id")

    def latest_unfinished(self) -> str:
        """The newest in-progress session that can be read."""
        for session_id in reversed(self.session_ids()):
            path = self.folder / f"{session_id}.toml"
            try:
                journal = parse_journal(path.read_bytes())
            except (JournalError, OSError):
                continue
            if journal.status == "in_progress":
                return session_id
        raise UsageError("there is no unfinished session: 'trustcoach start' begins a new one")
