"""Result data classes returned by :func:`wagtail_darksocial.scoring.analyse`."""

from dataclasses import dataclass, field
from typing import Any

GOOD = "good"
OK = "ok"
POOR = "poor"
UNKNOWN = "unknown"
STATUSES = (GOOD, OK, POOR, UNKNOWN)

#: Points each status contributes to the weighted score (unknown is excluded).
STATUS_POINTS = {GOOD: 1.0, OK: 0.5, POOR: 0.0}

#: Sort order used by :func:`sorted_checks`: worst first.
STATUS_ORDER = {POOR: 0, OK: 1, UNKNOWN: 2, GOOD: 3}

#: Page profiles: which checks make sense for a kind of page (see ``checks.CHECKS``).
ARTICLE = "article"
LISTING = "listing"  # home pages, section and index pages
PROFILES = (ARTICLE, LISTING)


@dataclass(frozen=True)
class PageFields:
    """What the editor typed, as opposed to what the templates rendered around it.

    ``title`` is the SEO title, else the title; ``None`` when unknown (then the
    checks measure the rendered ``<title>``).
    """

    title: str | None = None


@dataclass
class ImageInfo:
    """Measured facts about an image, supplied by the caller's ``image_info``."""

    width: int
    height: int
    bytes: int | None = None
    format: str | None = None


@dataclass
class Check:
    """The outcome of one check.

    ``value`` is the measured figure (a number, a string, or for ``quotable`` a
    list of quotes); ``message`` and ``fix`` are translated plain-language text.
    """

    id: str
    status: str
    value: Any
    message: str
    fix: str
    weight: int
    #: The value with its unit, in the report's language ("934 words", "100% of sentences").
    display: str = ""
    #: What an editor changes to fix it: a page field ("seo_title", "search_description",
    #: "title", "image", "body") or "developer" when only a developer can.
    field: str = ""
    #: Checks with the same group share one fix and are shown as one card.
    group: str = ""

    def to_dict(self) -> dict:
        value = list(self.value) if isinstance(self.value, list) else self.value
        return {
            "id": self.id,
            "status": self.status,
            "value": value,
            "message": self.message,
            "fix": self.fix,
            "weight": self.weight,
            "display": self.display,
            "field": self.field,
            "group": self.group,
        }


def sorted_checks(checks: list[Check]) -> list[Check]:
    """Return ``checks`` worst first (poor, ok, unknown, good), heaviest first."""
    return sorted(checks, key=lambda c: (STATUS_ORDER.get(c.status, 2), -c.weight))


def compute_score(checks: list[Check]) -> int:
    """Weighted mean of statuses (good=1, ok=0.5, poor=0) scaled to 0–100.

    Unknown checks are left out entirely; 0 when nothing could be measured.
    """
    total = 0.0
    weights = 0
    for check in checks:
        points = STATUS_POINTS.get(check.status)
        if points is None or check.weight <= 0:
            continue
        total += points * check.weight
        weights += check.weight
    if not weights:
        return 0
    return max(0, min(100, round(100 * total / weights)))


@dataclass
class Report:
    """A page's shareability score (0–100) and the checks behind it."""

    score: int
    checks: list[Check] = field(default_factory=list)
    language: str | None = None
    profile: str = ARTICLE

    def get(self, check_id: str) -> Check | None:
        """Return the check with id ``check_id``, or ``None``."""
        return next((c for c in self.checks if c.id == check_id), None)

    def sorted_checks(self) -> list[Check]:
        """All checks, worst first (see :func:`sorted_checks`)."""
        return sorted_checks(self.checks)

    def worst(self, limit: int | None = None) -> list[Check]:
        """Checks that are ``poor`` or ``ok``, worst and heaviest first."""
        bad = [c for c in sorted_checks(self.checks) if c.status in (POOR, OK)]
        return bad if limit is None else bad[:limit]

    def to_dict(self) -> dict:
        """A JSON-serialisable representation."""
        return {
            "score": self.score,
            "language": self.language,
            "profile": self.profile,
            "checks": [c.to_dict() for c in self.checks],
        }
