"""Demo images drawn locally with Pillow at real social-card sizes."""

import io

from PIL import Image, ImageDraw, ImageFont

# name: (width, height, colours) — one is deliberately too small for any card.
IMAGE_SPECS = {
    "card-1200x630": (1200, 630, ("#0b3d91", "#1fa2ff")),
    "card-1200x628": (1200, 628, ("#5b1a8e", "#ff6a88")),
    "card-600x315": (600, 315, ("#0f5132", "#52c41a")),
    "square-1080": (1080, 1080, ("#7a2e00", "#ffb347")),
    "too-small-120x63": (120, 63, ("#333333", "#999999")),
}

#: Alt text for the images the articles use (the titles above are file-like on purpose).
IMAGE_DESCRIPTIONS = {
    "card-1200x630": "A blue gradient card with the words Dark social",
    "card-1200x628": "A purple and pink gradient card with the words Dark social",
    "card-600x315": "A green gradient card with the words Dark social",
    "square-1080": "An orange square card with the words Dark social",
}


def draw_card(name):
    """Return JPEG bytes of a gradient card labelled with its size."""
    width, height, (start, end) = IMAGE_SPECS[name]
    image = Image.new("RGB", (width, height), start)
    draw = ImageDraw.Draw(image)
    top, bottom = (
        Image.new("RGB", (1, 1), start).getpixel((0, 0)),
        Image.new("RGB", (1, 1), end).getpixel((0, 0)),
    )
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    font = ImageFont.load_default(size=max(10, height // 8))
    draw.text(
        (width // 20, height // 2), f"Dark social - {width} x {height}", fill="white", font=font
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
