"""Numbers as the screens show them."""


def number(value: int | None) -> str:
    """A rating or a count as shown: ``-`` where nothing was measured (never a zero)."""
    return "-" if value is None else str(value)
