"""The ``og_image`` check: presence, format, size, shape and weight."""

from urllib.parse import urlsplit

from ..i18n import gettext_noop
from ..report import ImageInfo
from .base import GOOD, OK, POOR, UNKNOWN, Outcome, is_absolute, resolve

IDEAL_SIZE = (1200, 630)  # sharp large previews everywhere
LARGE_SIZE = (600, 315)  # smallest image shown as a large card
MIN_SIZE = (200, 200)  # below this, platforms may drop the image
IDEAL_RATIO = 1.91
RATIO_TOLERANCE = 0.1
MAX_BYTES = 300 * 1024  # WhatsApp drops previews of heavier images


def _int(value) -> int | None:
    try:
        number = int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _is_svg(url: str, declared_type: str, info: ImageInfo | None) -> bool:
    if str(getattr(info, "format", None) or "").lower().startswith("svg"):
        return True
    if "svg" in declared_type.lower():
        return True
    try:
        path = urlsplit(url).path.lower()
    except ValueError:
        return False
    return path.endswith((".svg", ".svgz"))


def _measure(page, url: str) -> ImageInfo | None:
    if page.image_info is None:
        return None
    try:
        return page.image_info(url)
    except Exception:  # the caller's lookup must never break scoring
        return None


def _describe(width: int, height: int, size: int | None) -> str:
    text = f"{width}×{height}"
    if size is not None:
        text += f", {round(size / 1024)} KB"
    return text


def _size_issue(width: int, height: int, params: dict) -> Outcome | None:
    if width < MIN_SIZE[0] or height < MIN_SIZE[1]:
        return Outcome(
            POOR,
            None,
            gettext_noop(
                "The sharing image is only %(width)s×%(height)s pixels; some "
                "platforms will not show an image that small at all."
            ),
            gettext_noop(
                "Choose a larger image, at least %(ideal_width)s×%(ideal_height)s pixels."
            ),
            params,
            "image",
        )
    if width < LARGE_SIZE[0] or height < LARGE_SIZE[1]:
        return Outcome(
            POOR,
            None,
            gettext_noop(
                "The sharing image is %(width)s×%(height)s pixels, so links show "
                "only a small thumbnail instead of a large card."
            ),
            gettext_noop(
                "Choose a larger image, at least %(ideal_width)s×%(ideal_height)s "
                "pixels, to get large previews."
            ),
            params,
            "image",
        )
    if width < IDEAL_SIZE[0] or height < IDEAL_SIZE[1]:
        return Outcome(
            OK,
            None,
            gettext_noop(
                "The sharing image is %(width)s×%(height)s pixels: large enough "
                "for a big preview, but it may look blurry on sharp screens."
            ),
            gettext_noop(
                "Choose a larger image, at least %(ideal_width)s×%(ideal_height)s pixels."
            ),
            params,
            "image",
        )
    return None


def check_og_image(page):
    meta = page.doc.meta
    raw = (
        meta.get("og:image", "")
        or meta.get("og:image:url", "")
        or meta.get("og:image:secure_url", "")
    ).strip()
    if not raw:
        return Outcome(
            POOR,
            None,
            gettext_noop("Links to this page are shared without a picture (no og:image tag)."),
            gettext_noop(
                "Choose an image for the page, at least %(ideal_width)s×%(ideal_height)s "
                "pixels; link previews use it."
            ),
            {"ideal_width": IDEAL_SIZE[0], "ideal_height": IDEAL_SIZE[1]},
            "image",
            "image",
        )
    url = resolve(raw, page.url)
    info = _measure(page, url)
    params = {
        "url": raw,
        "ideal_width": IDEAL_SIZE[0],
        "ideal_height": IDEAL_SIZE[1],
        "max_kb": MAX_BYTES // 1024,
    }
    if _is_svg(url, meta.get("og:image:type", ""), info):
        return Outcome(
            POOR,
            None,
            gettext_noop(
                "The sharing image is an SVG file, which Facebook, X, LinkedIn "
                "and WhatsApp do not display."
            ),
            gettext_noop("Choose a JPEG or PNG image instead: previews do not show SVG."),
            params,
            "image",
        )
    if not is_absolute(raw):
        return Outcome(
            POOR,
            None,
            gettext_noop(
                "The og:image address is not a full address (%(url)s), so most "
                "platforms cannot load it."
            ),
            gettext_noop(
                "Ask your developer: use a full image address starting with https:// in og:image."
            ),
            params,
            "developer",
        )

    width = _int(getattr(info, "width", None))
    height = _int(getattr(info, "height", None))
    measured = bool(width and height)
    if measured:
        size = _int(getattr(info, "bytes", None))
    else:
        width = _int(meta.get("og:image:width"))
        height = _int(meta.get("og:image:height"))
        size = None
        if not (width and height):
            return Outcome(
                UNKNOWN,
                None,
                gettext_noop(
                    "The sharing image's size could not be measured, and the page "
                    "does not declare it with og:image:width and og:image:height."
                ),
                gettext_noop(
                    "Ask your developer: add og:image:width and og:image:height tags so "
                    "platforms can show the preview straight away."
                ),
                params,
                "developer",
            )
    value = _describe(width, height, size)
    params.update(width=width, height=height)

    issues = []
    size_issue = _size_issue(width, height, params)
    if size_issue:
        issues.append(size_issue)
    if size is not None and size > MAX_BYTES:
        issues.append(
            Outcome(
                OK,
                None,
                gettext_noop(
                    "The sharing image weighs %(kb)s KB. WhatsApp does not show "
                    "previews for images over about %(max_kb)s KB."
                ),
                gettext_noop(
                    "Choose a lighter image, or ask your developer to serve the sharing "
                    "image under %(max_kb)s KB (a JPEG at quality 80)."
                ),
                dict(params, kb=round(size / 1024)),
                "image",
            )
        )
    if abs(width / height - IDEAL_RATIO) > RATIO_TOLERANCE:
        issues.append(
            Outcome(
                OK,
                None,
                gettext_noop(
                    "The sharing image is %(width)s×%(height)s pixels, not the "
                    "1.91:1 shape of link previews, so it will be cropped."
                ),
                gettext_noop(
                    "Choose a landscape image (1.91:1, such as "
                    "%(ideal_width)s×%(ideal_height)s pixels), or set its focal point."
                ),
                params,
                "image",
            )
        )
    if not measured:
        issues.append(
            Outcome(
                OK,
                None,
                gettext_noop(
                    "The page declares a %(width)s×%(height)s pixel sharing "
                    "image; its real size and weight were not measured."
                ),
                gettext_noop(
                    "Ask your developer to check that the image file really is "
                    "%(width)s×%(height)s pixels and under %(max_kb)s KB."
                ),
                params,
                "developer",
            )
        )
    for status in (POOR, OK):
        for issue in issues:
            if issue.status == status:
                return Outcome(status, value, issue.message, issue.fix, issue.params, issue.field)
    return Outcome(
        GOOD,
        value,
        gettext_noop(
            "The sharing image is %(width)s×%(height)s pixels, ideal for large link previews."
        ),
        "",
        params,
        "image",
    )
