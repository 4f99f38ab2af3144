"""First-party share counts ("Shared 1.2k times"), from the plugin's own daily rollups.

No network's API is called. A page's count is cached under the page for
``CACHE_TIMEOUT`` seconds, so a warm page view makes no query; the rollup job runs
daily, so a count a few minutes old is as fresh as the figures it comes from.
"""

from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import ngettext, pgettext

from ..cache import cached
from ..models import DailyRollup, EventType

CACHE_KEY = "wagtail_darksocial:share-count:{}"
CACHE_TIMEOUT = 600


def share_count(page_id):
    """Shares of a page, summed over its daily rollups (cached)."""

    def count():
        rows = DailyRollup.objects.filter(page_id=page_id, event_type=EventType.SHARE)
        return rows.aggregate(total=Sum("count"))["total"] or 0

    return cached(CACHE_KEY.format(page_id), count, CACHE_TIMEOUT)


def compact_number(number):
    """``number`` the short way, in the active locale: 950, 1.2k, 12k, 3.4M (fr: 1,2 k)."""
    for size, pattern in (
        (1_000_000, pgettext("compact number, millions", "%(number)sM")),
        (1_000, pgettext("compact number, thousands", "%(number)sk")),
    ):
        if number >= size:
            tenths = number * 10 // size  # rounded down: "1.2k" never overstates
            if tenths < 100 and tenths % 10:
                value = number_format(tenths / 10, 1, use_l10n=True)
            else:
                value = number_format(tenths // 10, use_l10n=True)
            return pattern % {"number": value}
    return number_format(number, use_l10n=True)


def shared_times(count):
    """ "Shared 1.2k times", translated; "" for a page not shared yet."""
    if not count:
        return ""
    return ngettext("Shared %(count)s time", "Shared %(count)s times", count) % {
        "count": compact_number(count)
    }
