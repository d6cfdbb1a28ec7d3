"""Draw the site's PNG and ICO icons from the same shapes as baz/core/static/core/icons/favicon.svg.

Why: browsers and phones that do not read SVG icons ask for /favicon.ico and an apple touch
icon. The shapes are drawn with Pillow (a dependency of Wagtail) at four times the size and
scaled down, so the edges are smooth. Run it again after changing the SVG:

    .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "baz" / "core" / "static" / "core" / "icons"
TEAL = "#00585c"
YELLOW = "#ffbf47"
WHITE = "#ffffff"
SCALE = 4


def _draw(size: int, *, rounded: bool) -> Image.Image:
    """The icon on a 64-unit grid, like the SVG's viewBox, drawn at `size` pixels."""
    big = size * SCALE
    unit = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        return (x0 * unit, y0 * unit, x1 * unit, y1 * unit)

    radius = 12 * unit if rounded else 0
    draw.rounded_rectangle(box(0, 0, 64, 64), radius=radius, fill=TEAL)
    for cx, cy, r, colour in [(16, 27, 7, WHITE), (48, 27, 7, WHITE), (32, 22, 8, YELLOW)]:
        draw.ellipse(box(cx - r, cy - r, cx + r, cy + r), fill=colour)
    # Shoulders: the upper halves of circles standing on the bottom line (y = 56).
    for cx, r, colour in [(16, 12, WHITE), (48, 12, WHITE), (32, 15, YELLOW)]:
        draw.pieslice(box(cx - r, 56 - r, cx + r, 56 + r), start=180, end=360, fill=colour)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    # iOS rounds the corners itself and shows transparency as black: a full square.
    _draw(180, rounded=False).convert("RGB").save(ICONS / "apple-touch-icon.png", optimize=True)
    _draw(48, rounded=True).save(ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"Icons written to {ICONS.name}/: apple-touch-icon.png, favicon.ico")


if __name__ == "__main__":
    main()
