"""Shareability analyser: score a rendered page for link previews and sharing.

Pure Python (BeautifulSoup, no Django)::

    from wagtail_darksocial.scoring import analyse

    report = analyse(html, url="https://example.com/story/")
    report.score            # 0–100
    report.worst(3)         # the three most urgent checks
    report.to_dict()        # JSON-ready
"""

from .analyser import analyse, normalise_language
from .checks import CHECK_IDS, WEIGHTS
from .document import PARSER
from .report import (
    ARTICLE,
    GOOD,
    LISTING,
    OK,
    POOR,
    PROFILES,
    UNKNOWN,
    Check,
    ImageInfo,
    PageFields,
    Report,
    compute_score,
    sorted_checks,
)

__all__ = [
    "ARTICLE",
    "CHECK_IDS",
    "GOOD",
    "LISTING",
    "OK",
    "PARSER",
    "POOR",
    "PROFILES",
    "UNKNOWN",
    "WEIGHTS",
    "Check",
    "ImageInfo",
    "PageFields",
    "Report",
    "analyse",
    "compute_score",
    "normalise_language",
    "sorted_checks",
]
