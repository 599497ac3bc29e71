"""The ratings of several sessions as a small line chart in inline SVG."""

from __future__ import annotations

import html


def chart_svg(points: list[tuple[str, int | None, int | None]], label: str) -> str:
    """A small line chart of both ratings as inline SVG, readable in black and white;
    ``label`` names it for screen readers.

    Two lines on a 1-10 scale are simple enough to draw directly, which keeps the report free
    of any external file or script.
    """
    width, height, left, top, bottom = 640, 260, 40, 15, 40
    inner_w, inner_h = width - left - 15, height - top - bottom
    count = len(points)

    def x(i: int) -> float:
        return left + (inner_w * i / (count - 1) if count > 1 else inner_w / 2)

    def y(v: int) -> float:
        return top + inner_h * (10 - v) / 9

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{html.escape(label)}" class="chart">'
    ]
    for v in (1, 4, 7, 10):
        parts.append(
            f'<line x1="{left}" x2="{width - 15}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="#bbb" stroke-width="1"/><text x="{left - 8}" y="{y(v) + 4:.1f}" '
            f'font-size="11" text-anchor="end">{v}</text>'
        )
    step = max(1, count // 8)
    for i, (day, _, _) in enumerate(points):
        if i % step == 0 or i == count - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - bottom + 16}" font-size="10" '
                f'text-anchor="middle">{html.escape(day[5:])}</text>'
            )
    selfs = [p[1] for p in points]
    partners = [p[2] for p in points]
    for values, dash, marker in (
        (selfs, "", "circle"),
        (partners, ' stroke-dasharray="6 4"', "square"),
    ):
        coords = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        if len(coords) > 1:
            path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="2"{dash}/>'
            )
        for cx, cy in coords:
            if marker == "circle":
                parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#000"/>')
            else:
                parts.append(
                    f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" '
                    'fill="#fff" stroke="#000" stroke-width="2"/>'
                )
    parts.append("</svg>")
    return "".join(parts)
