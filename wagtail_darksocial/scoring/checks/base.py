"""Shared pieces for checks: the outcome type, status helpers and URL helpers."""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from ..report import GOOD, OK, POOR, STATUS_POINTS, UNKNOWN

__all__ = ["GOOD", "OK", "POOR", "UNKNOWN", "Outcome", "band", "worse"]

#: Query parameters that identify a campaign or a click, not the page.
TRACKING_PARAMS = frozenset(
    {
        "ds",
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "twclid",
        "igshid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
    }
)
TRACKING_PREFIXES = ("utm_",)


@dataclass
class Outcome:
    """What a check function returns; translated into a ``Check`` later.

    ``message`` and ``fix`` are untranslated msgids marked with
    ``gettext_noop``; ``params`` fills their ``%(name)s`` placeholders.
    """

    status: str
    value: Any
    message: Any  # a msgid, or an ``i18n.Plural``
    fix: str = ""
    params: dict = field(default_factory=dict)
    #: The page field an editor changes to fix it (see ``report.Check.field``).
    field: str = ""
    group: str = ""


def band(value: float, good: tuple[float, float], ok: tuple[float, float]) -> str:
    """GOOD inside the ``good`` range, OK inside ``ok``, POOR otherwise."""
    if good[0] <= value <= good[1]:
        return GOOD
    if ok[0] <= value <= ok[1]:
        return OK
    return POOR


def worse(a: str, b: str) -> str:
    """The worse of two measurable statuses."""
    return a if STATUS_POINTS[a] <= STATUS_POINTS[b] else b


def is_absolute(url: str) -> bool:
    """True for an ``http(s)://host/...`` URL."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def resolve(url: str, base: str | None) -> str:
    """``url`` made absolute against ``base`` when possible."""
    if base and not is_absolute(url):
        try:
            return urljoin(base, url)
        except ValueError:
            return url
    return url


def tracking_params(url: str) -> list[str]:
    """Names of tracking parameters in ``url``'s query string, in order."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return []
    found = []
    for name, _value in parse_qsl(query, keep_blank_values=True):
        key = name.lower()
        if (key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)) and (name not in found):
            found.append(name)
    return found


def host(url: str | None) -> str:
    """The lower-cased host of ``url`` without a leading ``www.``."""
    if not url:
        return ""
    try:
        name = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return name[4:] if name.startswith("www.") else name
