"""Generated share cards: a page's title and the site's name on the site's colour.

For pages with no image at all, when a site turns ``generated_card`` on in its sharing
settings. Drawn with Pillow (which Wagtail already needs) at 1200×630, saved once in the
default storage under a name derived from what is drawn, like a rendition, and cached.
"""

import hashlib
import io
import logging
import textwrap

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from ..conf import get_setting

logger = logging.getLogger(__name__)

SIZE = (1200, 630)
DEFAULT_COLOUR = "#0b3d91"
FOLDER = "darksocial/cards"
CACHE_KEY = "wagtail_darksocial:card:{}"
CACHE_TIMEOUT = 24 * 3600
VERSION = "2"  # bump when the drawing changes, so new files are made


def _text_colour(background):
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#111111" if 0.299 * red + 0.587 * green + 0.114 * blue > 160 else "#ffffff"


#: Tried in order: Pillow's own font has no accents ("Démo" drew "D▯mo").
FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")


def _font(size):
    from PIL import ImageFont

    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def draw_card(title, site_name, colour=DEFAULT_COLOUR):
    """JPEG bytes of a 1200×630 card: the title (up to four lines) and the site's name."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, colour)
    draw = ImageDraw.Draw(image)
    ink = _text_colour(colour)
    title_font = _font(64)
    site_font = _font(36)
    lines = textwrap.wrap(title, width=30)[:4] or [site_name]
    if len(textwrap.wrap(title, width=30)) > 4:
        lines[-1] = lines[-1].rstrip(".,;: ") + "…"
    y = 90
    for line in lines:
        draw.text((80, y), line, fill=ink, font=title_font)
        y += 84
    draw.rectangle((80, 500, 200, 506), fill=ink)
    draw.text((80, 530), site_name, fill=ink, font=site_font)
    output = io.BytesIO()
    image.save(output, "JPEG", quality=85, optimize=True)
    return output.getvalue()


def card_image(title, site_name, colour=""):
    """The card's ``ShareImage`` (made once, then cached), or ``None`` if it fails."""
    from .previews import ShareImage

    colour = colour or DEFAULT_COLOUR
    digest = hashlib.sha256(f"{VERSION}\0{title}\0{site_name}\0{colour}".encode()).hexdigest()
    cache = caches[get_setting("CACHE_ALIAS")]
    key = CACHE_KEY.format(digest[:32])
    found = cache.get(key)
    if found is not None:
        return found
    name = f"{FOLDER}/{digest[:24]}.jpg"
    try:
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(draw_card(title, site_name, colour)))
        found = ShareImage(default_storage.url(name), *SIZE, title, default_storage.size(name))
    except Exception:
        logger.warning("The share card for %r could not be made", title, exc_info=True)
        return None
    cache.set(key, found, CACHE_TIMEOUT)
    return found
