"""Terminal views over all the journals: list, progress and the home screen.

The functions that build rows and charts are pure and return text or data; printing is left to
the CLI. Every user text passes through ``visible()``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from trustcoach.journal.history import History, Ledger, ledger
from trustcoach.journal.store import Unreadable
from trustcoach.text import pad, visible

BLOCKS = "▁▂▃▄▅▆▇█"
RECENT_ROWS = 20
HOME_COMMITMENTS = 5  # open commitments listed on the home screen, soonest due first


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def list_rows(history: History, unreadable: list[Unreadable]) -> list[dict[str, Any]]:
    """The rows of ``list --json``, newest first; unreadable files are rows too."""
    kept, made = history.kept, history.made
    rows: list[dict[str, Any]] = [
        {
            "id": s.id,
            "date": s.started_on,
            "status": s.status,
            "self_trust": s.self_trust,
            "partner_trust": s.partner_trust,
            "commitments_made": made.get(s.id, 0),
            "commitments_kept": kept.get(s.id, 0),
        }
        for s in history.sessions
    ]
    rows += [{"id": u.path.stem, "status": "unreadable", "problem": u.problem} for u in unreadable]
    return sorted(rows, key=lambda row: str(row["id"]), reverse=True)


def list_text(history: History, unreadable: list[Unreadable], lang: str = "en") -> str:
    """One line per session, newest first, in 60 columns; unfinished sessions are starred."""
    if not history.sessions and not unreadable:
        return _w(lang, "no_sessions")
    kept, made = history.kept, history.made
    lines = {
        s.id: f"{s.started_on:<10}  {_num(s.self_trust):>4}  {_num(s.partner_trust):>7}  "
        f"{f'{kept.get(s.id, 0)}/{made.get(s.id, 0)}':>5}  {s.id}"
        f"{'' if s.status == 'complete' else ' *'}"
        for s in history.sessions
    }
    for u in unreadable:
        blank = f"{'?':<10}  {'':>4}  {'':>7}  {'':>5}"
        lines[u.path.stem] = f"{blank}  {u.path.stem}  {_w(lang, 'unreadable')}: {u.problem}"
    head = [_w(lang, key) for key in ("h_date", "h_self", "h_partner", "h_kept", "h_session")]
    out = [
        f"{pad(head[0], 10)}  {pad(head[1], 4, right=True)}  {pad(head[2], 7, right=True)}  "
        f"{pad(head[3], 5, right=True)}  {head[4]}"
    ]
    out += [lines[key] for key in sorted(lines, reverse=True)]
    if any(s.status != "complete" for s in history.sessions):
        out += ["", _w(lang, "legend")]
    return visible("\n".join(out))


def sparkline(values: list[float], low: float, high: float, width: int = 60) -> str:
    """Values as a line of block characters, averaged into at most ``width`` columns."""
    if not values:
        return ""
    if len(values) > width:
        size = len(values) / width
        values = [
            sum(chunk) / len(chunk)
            for i in range(width)
            if (chunk := values[int(i * size) : int((i + 1) * size)] or values[-1:])
        ]
    span = (high - low) or 1
    return "".join(
        BLOCKS[min(len(BLOCKS) - 1, max(0, round((v - low) / span * (len(BLOCKS) - 1))))]
        for v in values
    )


def bar(value: int | None, top: int = 10) -> str:
    """A rating as a bar of ``top`` cells."""
    if value is None:
        return "·" * top + "   -"
    filled = max(0, min(top, value))
    return "█" * filled + "·" * (top - filled) + f" {value:>3}"


def progress_data(history: History, unreadable: list[Unreadable]) -> dict[str, Any]:
    """Ratings per session and the ledger, for ``progress --json``."""
    kept, made = history.kept, history.made
    book = ledger(history)
    return {
        "sessions": [
            {
                "id": s.id,
                "date": s.started_on,
                "self_trust": s.self_trust,
                "partner_trust": s.partner_trust,
                "commitments_made": made.get(s.id, 0),
                "commitments_kept": kept.get(s.id, 0),
            }
            for s in history.sessions
        ],
        "commitments": {
            "made": book.made,
            "kept": book.kept,
            "partly": book.partly,
            "not_kept": book.not_kept,
            "open": book.made - book.kept - book.partly - book.not_kept,
        },
        "strength": book.strength_percent,
        "strength_history": [round(v * 100) for v in book.history],
        "unreadable": [{"id": u.path.stem, "problem": u.problem} for u in unreadable],
    }


def progress_text(
    history: History, unreadable: list[Unreadable], show_all: bool = False, lang: str = "en"
) -> str:
    """Both ratings per session as bars, their trend over all sessions, and the ledger."""
    sessions = history.sessions
    note = [_w(lang, "unreadable_note", count=len(unreadable))] if unreadable else []
    if not sessions:
        if note:
            return "\n".join([_w(lang, "no_progress_readable"), *note])
        return _w(lang, "no_progress")
    out = [_w(lang, "ratings_title"), ""]
    rows = sessions if show_all else sessions[-RECENT_ROWS:]
    out.append(f"{pad(_w(lang, 'h_date'), 10)}  {pad(_w(lang, 'self'), 14)}  {_w(lang, 'partner')}")
    out += [f"{s.started_on:<10}  {bar(s.self_trust)}  {bar(s.partner_trust)}" for s in rows]
    if len(rows) < len(sessions):
        out.append(_w(lang, "hidden", count=len(sessions) - len(rows)))
    if len(sessions) > 1:
        out += ["", _w(lang, "trend", count=len(sessions))]
        selfs = sparkline(_ratings(history, "self"), 1, 10)
        out.append(f"  {pad(_w(lang, 'self'), 14)} {selfs}")
        partner = sparkline(_ratings(history, "partner"), 1, 10)
        out.append(f"  {pad(_w(lang, 'partner_short'), 14)} {partner}")
    out += ["", *ledger_lines(ledger(history), lang)]
    if note:
        out += ["", *note]
    return visible("\n".join(out))


def _ratings(history: History, which: str) -> list[float]:
    values = (s.self_trust if which == "self" else s.partner_trust for s in history.sessions)
    return [float(v) for v in values if v is not None]


def ledger_lines(book: Ledger, lang: str = "en") -> list[str]:
    """Commitments made and kept, and the strength of keeping one's word."""
    reviewed = book.kept + book.partly + book.not_kept
    lines = [
        _w(lang, "made", made=book.made, reviewed=reviewed),
        _w(lang, "outcomes", kept=book.kept, partly=book.partly, not_kept=book.not_kept),
        _w(lang, "strength", strength=book.strength_percent),
    ]
    if len(book.history) > 1:
        lines.append(f"  {sparkline(book.history, 0, 1)}")
    return lines


def home_text(history: History, today: date, unreadable: int = 0, lang: str = "en") -> str:
    """The home screen: the last session, the trend, commitments due, and what to do next."""
    from trustcoach.journal.history import open_commitments

    out = [_w(lang, "home_title"), _w(lang, "private")]
    if unreadable:
        out += ["", *_w(lang, "home_unreadable", count=unreadable).split("\n")]
    if not history.sessions:
        out += ["", _w(lang, "home_begin")]
        return "\n".join(out)
    last = history.sessions[-1]
    state = _w(lang, "complete" if last.status == "complete" else "unfinished")
    out += ["", _w(lang, "last", day=last.started_on, state=state, id=last.id)]
    out.append(
        _w(lang, "last_ratings", self=_num(last.self_trust), partner=_num(last.partner_trust))
    )
    if len(history.sessions) > 1:
        selfs = sparkline(_ratings(history, "self"), 1, 10, 30)
        partners = sparkline(_ratings(history, "partner"), 1, 10, 30)
        out.append(_w(lang, "home_trend", self=selfs, partner=partners))
    waiting = open_commitments(history)
    due = [c for c in waiting if c.due <= today.isoformat()]
    if waiting:
        out += ["", _w(lang, "open", count=len(waiting), due=len(due))]
        shown = sorted(waiting, key=lambda c: (c.due, c.session, c.id))[:HOME_COMMITMENTS]
        out += [
            _w(
                lang,
                "item",
                text=c.text,
                when=_w(lang, "due" if c.due <= today.isoformat() else "by"),
                day=c.due,
            )
            for c in shown
        ]
        if len(waiting) > len(shown):
            out.append(_w(lang, "more", count=len(waiting) - len(shown)))
    out.append("")
    if last.status != "complete":
        out.append(_w(lang, "do_resume"))
    out += [_w(lang, "do_start"), _w(lang, "do_list"), _w(lang, "do_progress")]
    return visible("\n".join(out))


def _w(lang: str, key: str, **values: Any) -> str:
    return WORDS.get(lang, WORDS["en"])[key].format(**values)


WORDS: dict[str, dict[str, str]] = {
    "en": {
        "no_sessions": "No sessions yet. Begin with: trustcoach start",
        "unreadable": "unreadable",
        "h_date": "date",
        "h_self": "self",
        "h_partner": "partner",
        "h_kept": "kept",
        "h_session": "session",
        "legend": "* unfinished: continue with 'trustcoach resume ID'",
        "unreadable_note": "{count} journal file(s) cannot be read and are not counted here; "
        "'trustcoach list' shows them, 'trustcoach doctor' says what to do.",
        "no_progress_readable": "No session could be read, so there is no progress to show.",
        "no_progress": "No sessions yet, so there is no progress to show. "
        "Begin with: trustcoach start",
        "ratings_title": "Ratings per session (1 to 10)",
        "self": "self-trust",
        "partner": "partner trust (your estimate)",
        "partner_short": "partner trust",
        "hidden": "({count} earlier session(s) not shown; --all shows every one)",
        "trend": "Trend over {count} sessions, oldest to newest",
        "made": "Commitments: {made} made, {reviewed} reviewed:",
        "outcomes": "  {kept} kept, {partly} partly kept, {not_kept} not kept",
        "strength": "Strength of keeping your word: {strength} / 100",
        "home_title": "trustcoach: reflection for rebuilding trust.",
        "private": "Nothing you write leaves this computer.",
        "home_unreadable": "{count} journal file(s) cannot be read and were left as they are;\n"
        "'trustcoach doctor' says which and what to do.",
        "home_begin": "No sessions yet. Begin with:  trustcoach start   (Japanese: --lang ja)",
        "complete": "complete",
        "unfinished": "unfinished",
        "last": "Last session: {day} ({state}), {id}",
        "last_ratings": "  self-trust {self}/10, partner trust {partner}/10",
        "home_trend": "  trend: self {self}  partner {partner}",
        "open": "Open commitments: {count}, {due} due for review",
        "item": "  - {text} ({when} {day})",
        "due": "due",
        "by": "by",
        "more": "  and {count} more; the next session reviews them",
        "do_resume": "Continue the last session:  trustcoach resume",
        "do_start": "Start a new session:        trustcoach start",
        "do_list": "See all sessions:           trustcoach list",
        "do_progress": "See your progress:          trustcoach progress",
    },
    "ja": {
        "no_sessions": "まだセッションはありません。始めるには: trustcoach start",
        "unreadable": "読み込めません",
        "h_date": "日付",
        "h_self": "自分",
        "h_partner": "相手",
        "h_kept": "達成",
        "h_session": "セッション",
        "legend": "* 途中のセッション: trustcoach resume ID で続きから再開できます",
        "unreadable_note": "読み込めない記録ファイルが{count}件あり、ここには含まれていません。"
        "trustcoach list で確認でき、trustcoach doctor が対処法を示します。",
        "no_progress_readable": "読み込めるセッションがないため、推移を表示できません。",
        "no_progress": "まだセッションがないため、推移はありません。始めるには: trustcoach start",
        "ratings_title": "セッションごとの評価（1〜10）",
        "self": "自分への信頼",
        "partner": "パートナーからの信頼（あなたの見立て）",
        "partner_short": "相手からの信頼",
        "hidden": "（それより前の{count}件は省略しています。--all ですべて表示します）",
        "trend": "{count}回のセッションの推移（古い順）",
        "made": "約束: {made}件、振り返り済み{reviewed}件",
        "outcomes": "  守れた{kept}件、一部守れた{partly}件、守れなかった{not_kept}件",
        "strength": "自分の言葉を守る力: {strength} / 100",
        "home_title": "trustcoach: 信頼を取り戻すための振り返り",
        "private": "書いたことは、このコンピューターの外に出ません。",
        "home_unreadable": "読み込めない記録ファイルが{count}件あります（変更はしていません）。\n"
        "trustcoach doctor がどのファイルか、どうすればよいかを示します。",
        "home_begin": "まだセッションはありません。始めるには:  trustcoach start",
        "complete": "完了",
        "unfinished": "途中",
        "last": "前回のセッション: {day}（{state}）{id}",
        "last_ratings": "  自分への信頼 {self}/10、相手からの信頼 {partner}/10",
        "home_trend": "  推移: 自分 {self}  相手 {partner}",
        "open": "振り返っていない約束: {count}件（うち期日が来たもの{due}件）",
        "item": "  - {text}（{when} {day}）",
        "due": "期日",
        "by": "期日",
        "more": "  ほか{count}件。次のセッションで振り返ります",
        "do_resume": "前回の続き:          trustcoach resume",
        "do_start": "新しいセッション:    trustcoach start",
        "do_list": "セッションの一覧:    trustcoach list",
        "do_progress": "推移を見る:          trustcoach progress",
    },
}
