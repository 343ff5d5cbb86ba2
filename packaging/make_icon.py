"""Draw the application icon: ``resources/icons/clientela.png`` (256 px, the window's icon)
and ``clientela.ico`` (16 to 256 px, the Windows program's icon).

    python packaging/make_icon.py

Both files are committed; run this again only to change the drawing. It needs Pillow,
which matplotlib already brings.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
BIG = 1024  # drawn large, then scaled down: smooth edges without an antialiasing pass

TOP = (46, 124, 246)
BOTTOM = (24, 76, 160)
WHITE = (255, 255, 255, 255)
INK = (30, 84, 170, 255)
LINE = (160, 182, 214, 255)


def draw(size: int = BIG) -> Image.Image:
    """A blue tile with a white contact card: a person on the left, three lines of text."""
    s = size / 1024
    tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    # Vertical gradient, cut to a rounded square.
    gradient = Image.new("RGBA", (size, size))
    g = ImageDraw.Draw(gradient)
    for y in range(size):
        t = y / (size - 1)
        g.line(
            [(0, y), (size, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM, strict=True)),
        )
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        [40 * s, 40 * s, size - 40 * s, size - 40 * s], radius=200 * s, fill=255
    )
    tile.paste(gradient, (0, 0), mask)

    d = ImageDraw.Draw(tile)
    # The card.
    d.rounded_rectangle([150 * s, 250 * s, 874 * s, 774 * s], radius=70 * s, fill=WHITE)
    # The person: head and shoulders, the shoulders cut by the card's lower band.
    d.ellipse([235 * s, 340 * s, 425 * s, 530 * s], fill=INK)
    d.rounded_rectangle([200 * s, 555 * s, 460 * s, 700 * s], radius=90 * s, fill=INK)
    # Lines of text.
    for top, right in ((370, 790), (480, 790), (590, 700)):
        d.rounded_rectangle([530 * s, top * s, right * s, (top + 56) * s], radius=28 * s, fill=LINE)
    return tile


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "clientela.png", optimize=True)
    # Each size scaled from the large drawing, not from the 256 px one.
    big.save(ICONS / "clientela.ico", format="ICO", sizes=ICO_SIZES)
    print(f"wrote {ICONS / 'clientela.png'} and {ICONS / 'clientela.ico'}")


if __name__ == "__main__":
    main()
