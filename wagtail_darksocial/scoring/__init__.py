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
    GOOD,
    OK,
    POOR,
    UNKNOWN,
    Check,
    ImageInfo,
    Report,
    compute_score,
    sorted_checks,
)

__all__ = [
    "CHECK_IDS",
    "GOOD",
    "OK",
    "PARSER",
    "POOR",
    "UNKNOWN",
    "WEIGHTS",
    "Check",
    "ImageInfo",
    "Report",
    "analyse",
    "compute_score",
    "normalise_language",
    "sorted_checks",
]
