"""Report figures, read from the daily rollups only (``DailyRollup``, ``DailyAttribution``).

Raw events may be pruned and are large; nothing here reads them. ``Report`` computes
the dashboard's figures with a handful of aggregate queries and keeps each result;
``cached_report`` keeps them in Django's cache until the rollup job runs again.
``page_stats`` serves the per-page figures in the page editor.
"""

import dataclasses
import datetime
import itertools
import json
import statistics
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Max, Q, Sum, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import channels
from ..cache import plugin_cache, store, warn_unavailable
from ..compat import get_page_model
from ..models import (
    ArrivalClass,
    DailyAttribution,
    DailyRollup,
    EventType,
    SiteDailyRollup,
)
from .charts import colour

# The arrival classes that make up "social traffic", the headline's denominator.
SOCIAL_CLASSES = (ArrivalClass.TAGGED, ArrivalClass.DARK, ArrivalClass.SOCIAL)
TOP_PAGES = 10
# A day is an "unusual spike" when a figure exceeds both SPIKE_FACTOR times the median of
# the SPIKE_WINDOW days before it and that median plus SPIKE_FLOOR (so that a quiet site
# going from 1 to 6 shares is not one).
SPIKE_WINDOW = 14
SPIKE_FACTOR = 5
SPIKE_FLOOR = 20
VERSION_KEY = "darksocial:rollups-version"
CACHE_SECONDS = 600  # only matters where the rollup job cannot reach this cache


def channel_label(channel):
    """The channel's display name; ``""`` (a tagged link without a known channel) too."""
    entry = channels.BY_NAME.get(channel)
    return entry.label if entry else (channel or _("Unknown"))


def arrival_class_label(arrival_class):
    if arrival_class in ArrivalClass.values:
        return ArrivalClass(arrival_class).label
    return arrival_class or _("Unknown")


# One line per arrival class, shown beside its figures (ArrivalClass's labels name them).
ARRIVAL_CLASS_HELP = {
    ArrivalClass.TAGGED: _(
        "Came through a link shared from this site: its share token or UTM campaign."
    ),
    ArrivalClass.DARK: _(
        "Untagged, with no referrer on an inner page or a private channel's referrer "
        "(webmail, a messaging app): a link passed on privately. The headline splits it "
        "into recognised private channels and probable dark social."
    ),
    ArrivalClass.SOCIAL: _("A social network sent the visitor: its address was the referrer."),
    ArrivalClass.SEARCH: _("A search engine sent the visitor. Not social traffic."),
    ArrivalClass.REFERRAL: _("Another website sent the visitor. Not social traffic."),
}


def _percent(ratio):
    return None if ratio is None else ratio * 100


@dataclass(frozen=True)
class Filters:
    """What the figures cover: a site's rollups between two days, both included.

    ``site`` ``None`` means every site. ``locale`` narrows to pages in that locale and
    ``page`` to that page and the pages below it. ``scope`` (a
    ``permissions.PageScope``) narrows to the pages a user may edit; ``None`` is no limit.
    """

    site: object
    start: datetime.date
    end: datetime.date
    locale: object = None
    page: object = None
    scope: object = None

    @classmethod
    def last_days(cls, site, days, **kwargs):
        """The ``days`` days up to and including today."""
        end = timezone.localdate()
        return cls(site=site, start=end - datetime.timedelta(days=days - 1), end=end, **kwargs)

    @property
    def days(self):
        """Every day of the range, in order."""
        return [
            self.start + datetime.timedelta(days=n)
            for n in range((self.end - self.start).days + 1)
        ]

    def cache_key(self):
        parts = (self.site, self.locale, self.page)
        ids = ":".join("" if part is None else str(part.pk) for part in parts)
        scope = "all" if self.scope is None else self.scope.key
        return f"{self.start:%Y%m%d}:{self.end:%Y%m%d}:{ids}:{scope}"

    @property
    def whole_sites(self):
        """Whether every page counts, so that the per-site sums can answer."""
        unlimited = self.scope is None or self.scope.everything
        return unlimited and self.page is None and self.locale is None

    def apply(self, queryset):
        """Narrow a ``DailyRollup`` or ``DailyAttribution`` queryset to these filters."""
        queryset = queryset.filter(day__gte=self.start, day__lte=self.end)
        if self.site is not None:
            queryset = queryset.filter(site=self.site)
        if self.locale is not None:
            queryset = queryset.filter(page__locale=self.locale)
        if self.page is not None:
            queryset = queryset.filter(page__path__startswith=self.page.path)
        if self.scope is not None and not self.scope.everything:
            queryset = queryset.filter(self.scope.page_q("page__"))
        return queryset.order_by()

    def apply_to_sums(self):
        """``SiteDailyRollup`` when it can answer (see ``whole_sites``), else ``DailyRollup``."""
        model = SiteDailyRollup if self.whole_sites else DailyRollup
        return self.apply(model.objects.all())


@dataclass(frozen=True)
class Headline:
    """Arrivals behind the headline figure, "X% of your social traffic is dark".

    Dark social is tagged arrivals from private channels (messengers, e-mail, SMS,
    copied links, the share sheet) plus probable dark arrivals (no referrer on an
    inner page). Visible social is tagged arrivals from public networks plus
    arrivals with a social network as referrer. Together they are all social arrivals.
    """

    tagged_private: int = 0
    dark: int = 0  # untagged dark arrivals, with or without a recognised channel
    tagged_public: int = 0
    social: int = 0
    dark_recognised: int = 0  # of ``dark``, those with a channel (webmail, an app ...)

    @property
    def dark_social(self):
        return self.tagged_private + self.dark

    @property
    def visible_social(self):
        return self.tagged_public + self.social

    @property
    def total(self):
        return self.dark_social + self.visible_social

    @property
    def share(self):
        """Dark social ÷ all social arrivals, between 0 and 1; ``None`` without any."""
        return self.dark_social / self.total if self.total else None

    @property
    def percent(self):
        return _percent(self.share)

    @property
    def recognised_private(self):
        """Dark social from a channel we recognise: tagged from a private channel, or
        untagged with a private channel's referrer, app or in-app browser."""
        return self.tagged_private + self.dark_recognised

    @property
    def probable_dark(self):
        """Dark social inferred from a missing referrer alone: an estimate."""
        return self.dark - self.dark_recognised

    @property
    def recognised_percent(self):
        """``recognised_private`` ÷ all social arrivals, in percent; with
        ``probable_percent`` it adds up to ``percent``."""
        return _percent(self.recognised_private / self.total) if self.total else None

    @property
    def probable_percent(self):
        return _percent(self.probable_dark / self.total) if self.total else None


@dataclass(frozen=True)
class DirectArrivals:
    """Arrivals a standard analytics tool books as "Direct" (no referrer, no share token,
    no ``utm_source``), and those of them the plugin attributed to a channel (an in-app
    browser, the Google app's Discover feed)."""

    direct: int = 0
    attributed: int = 0
    by_channel: tuple = ()  # ((channel, arrival class, arrivals), ...), most first

    @property
    def percent(self):
        """Attributed ÷ direct, in percent; ``None`` without direct arrivals."""
        return _percent(self.attributed / self.direct) if self.direct else None


@dataclass(frozen=True)
class ChannelConversion:
    channel: str
    shares: int  # shares with a token made in the range
    converted: int  # of which at least one tagged arrival came back
    arrivals: int  # tagged arrivals those shares brought

    @property
    def label(self):
        return channel_label(self.channel)

    @property
    def colour(self):
        return colour(self.channel)

    @property
    def rate(self):
        """Converted ÷ shares, between 0 and 1; ``None`` without shares."""
        return self.converted / self.shares if self.shares else None

    @property
    def percent(self):
        return _percent(self.rate)


@dataclass(frozen=True)
class Resharing:
    shares: int = 0
    reshared: int = 0
    depth_sum: int = 0
    depth_max: int = 0

    @property
    def reshared_rate(self):
        """The part of the shares someone shared on, between 0 and 1."""
        return self.reshared / self.shares if self.shares else None

    @property
    def reshared_percent(self):
        return _percent(self.reshared_rate)

    @property
    def mean_depth(self):
        """Mean share depth: 1 for a first share, 2 for a re-share of it, ..."""
        return self.depth_sum / self.shares if self.shares else None


@dataclass(frozen=True)
class TopPage:
    page_id: int
    title: str
    count: int
    dark_social: int = 0  # top pages by arrivals only

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page_id])


@dataclass(frozen=True)
class TimeSeries:
    """Daily counts, one list per series, aligned with ``days`` (missing days are 0)."""

    days: list
    shares: dict  # channel -> [count per day]
    arrivals: dict  # channel -> [tagged arrivals per day]
    dark: list  # probable dark arrivals per day
    social: list  # visible social (referrer) arrivals per day


@dataclass(frozen=True)
class Spike:
    """A day whose ``figure`` ("shares" or "tagged_arrivals") was far above its median."""

    FIGURES = ("shares", "tagged_arrivals")

    day: datetime.date
    figure: str
    value: int
    median: float

    @classmethod
    def detect(cls, day, figure, value, trailing):
        """A ``Spike`` when ``value`` exceeds ``max(5 × median, median + 20)`` of ``trailing``."""
        typical = statistics.median(trailing) if trailing else 0
        if value > max(SPIKE_FACTOR * typical, typical + SPIKE_FLOOR):
            return cls(day, figure, value, typical)
        return None


def median(sorted_lists):
    """The exact median of the values in already sorted lists; ``None`` when empty."""
    # One C-level sort of the concatenation (Timsort merges the sorted runs); a
    # heapq.merge of ten thousand small lists in Python took 140 ms per render.
    values = sorted(itertools.chain.from_iterable(sorted_lists))
    return statistics.median(values) if values else None


class Report:
    """The dashboard's figures for ``filters``; each is computed once, on first use."""

    def __init__(self, filters):
        self.filters = filters

    @cached_property
    def _daily(self):
        """``(day, event_type, channel, arrival_class) -> count``: one query, many figures.

        Without a page, locale or permission limit the per-site sums answer it, from a
        few hundred rows a month rather than one per page.
        """
        rows = (
            self.filters.apply_to_sums()
            .values_list("day", "event_type", "channel", "arrival_class")
            .annotate(total=Sum("count"))
        )
        return {tuple(key): total for *key, total in rows}

    @cached_property
    def _totals(self):
        totals = Counter()
        for (_day, *key), count in self._daily.items():
            totals[tuple(key)] += count
        return totals

    @cached_property
    def headline(self):
        parts = Counter()
        for (event_type, channel, arrival_class), count in self._totals.items():
            if event_type != EventType.ARRIVAL:
                continue
            if arrival_class == ArrivalClass.TAGGED:
                parts["tagged_private" if channel in channels.PRIVATE else "tagged_public"] += (
                    count
                )
            elif arrival_class == ArrivalClass.DARK:
                parts["dark"] += count
                if channel:
                    parts["dark_recognised"] += count
            elif arrival_class == ArrivalClass.SOCIAL:
                parts["social"] += count
        return Headline(**parts)

    @cached_property
    def _direct(self):
        """``[(channel, arrival class, direct arrivals)]``: one query, from the rollups."""
        rows = (
            self.filters.apply_to_sums()
            .filter(event_type=EventType.ARRIVAL, direct__gt=0)
            .values_list("channel", "arrival_class")
            .annotate(total=Sum("direct"))
        )
        return [tuple(row) for row in rows]

    @cached_property
    def direct_arrivals(self):
        """``DirectArrivals``: what analytics tools call "Direct", and what we attributed."""
        attributed = sorted(
            ((channel, klass, n) for channel, klass, n in self._direct if channel),
            key=lambda row: (-row[2], row[0]),
        )
        return DirectArrivals(
            direct=sum(n for _channel, _class, n in self._direct),
            attributed=sum(n for _channel, _class, n in attributed),
            by_channel=tuple(attributed),
        )

    @cached_property
    def shares_by_channel(self):
        """``[(channel, shares)]``, most shared first."""
        return self._by(EventType.SHARE, lambda channel, _class: channel)

    @cached_property
    def shares(self):
        return sum(count for _channel, count in self.shares_by_channel)

    @cached_property
    def copies(self):
        return sum(
            count
            for (event_type, *_rest), count in self._totals.items()
            if event_type == EventType.COPY
        )

    @cached_property
    def arrivals_by_class(self):
        """``[(arrival_class, arrivals)]``, most frequent first."""
        return self._by(EventType.ARRIVAL, lambda _channel, arrival_class: arrival_class)

    def _by(self, wanted_type, key):
        counts = Counter()
        for (event_type, channel, arrival_class), count in self._totals.items():
            if event_type == wanted_type:
                counts[key(channel, arrival_class)] += count
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    @cached_property
    def _attribution(self):
        return self.filters.apply(DailyAttribution.objects.all())

    @cached_property
    def _attribution_by_channel(self):
        return list(
            self._attribution.values("channel").annotate(
                shares=Sum("shares"),
                converted=Sum("converted"),
                arrivals=Sum("arrivals"),
                reshared=Sum("reshared"),
                depth_sum=Sum("depth_sum"),
                depth_max=Max("depth_max"),
            )
        )

    @cached_property
    def conversion(self):
        """``[ChannelConversion]`` per channel, most shares first."""
        rows = [
            ChannelConversion(row["channel"], row["shares"], row["converted"], row["arrivals"])
            for row in self._attribution_by_channel
        ]
        return sorted(rows, key=lambda row: (-row.shares, row.channel))

    @cached_property
    def conversion_total(self):
        rows = self.conversion
        return ChannelConversion(
            "",
            sum(row.shares for row in rows),
            sum(row.converted for row in rows),
            sum(row.arrivals for row in rows),
        )

    @cached_property
    def median_delay(self):
        """Median seconds from a converted share to its first tagged arrival, or ``None``."""
        # Read as text and parsed in one go: decoding each row's JSON apart is the slow part.
        texts = self._attribution.filter(converted__gt=0).values_list(
            Cast("delays", TextField()), flat=True
        )
        return median(json.loads("[" + ",".join(texts) + "]"))

    @cached_property
    def resharing(self):
        rows = self._attribution_by_channel
        return Resharing(
            shares=sum(row["shares"] for row in rows),
            reshared=sum(row["reshared"] for row in rows),
            depth_sum=sum(row["depth_sum"] for row in rows),
            depth_max=max((row["depth_max"] for row in rows), default=0),
        )

    def _top(self, queryset, limit):
        return list(
            queryset.values("page_id")
            .annotate(total=Sum("count"), dark_social=self._dark_social_sum())
            .order_by("-total", "page_id")
            .values_list("page_id", "total", "dark_social")[:limit]
        )

    @staticmethod
    def _dark_social_sum():
        dark = Q(arrival_class=ArrivalClass.DARK) | Q(
            arrival_class=ArrivalClass.TAGGED, channel__in=channels.PRIVATE
        )
        return Sum("count", filter=Q(event_type=EventType.ARRIVAL) & dark)

    def _top_pages(self, limit):
        """``(by shares, by social arrivals)``: two grouped queries and one for the titles."""
        shares = self.filters.apply(DailyRollup.objects.filter(event_type=EventType.SHARE))
        arrivals = self.filters.apply(
            DailyRollup.objects.filter(
                event_type=EventType.ARRIVAL, arrival_class__in=SOCIAL_CLASSES
            )
        )
        lists = self._top(shares, limit), self._top(arrivals, limit)
        ids = {page_id for rows in lists for page_id, _total, _dark in rows}
        pages = get_page_model().objects.filter(pk__in=ids)
        titles = dict(pages.values_list("pk", "title")) if ids else {}
        return tuple(
            [TopPage(pk, titles.get(pk, ""), total, dark or 0) for pk, total, dark in rows]
            for rows in lists
        )

    @cached_property
    def _top_pages_cached(self):
        return self._top_pages(TOP_PAGES)

    def top_pages_by_shares(self, limit=TOP_PAGES):
        """``[TopPage]`` with the most shares."""
        lists = self._top_pages_cached if limit <= TOP_PAGES else self._top_pages(limit)
        return lists[0][:limit]

    def top_pages_by_arrivals(self, limit=TOP_PAGES):
        """``[TopPage]`` with the most social arrivals, and how many of them were dark."""
        lists = self._top_pages_cached if limit <= TOP_PAGES else self._top_pages(limit)
        return lists[1][:limit]

    @cached_property
    def _spike_history(self):
        """``{day: (shares, tagged arrivals)}`` from ``SPIKE_WINDOW`` days before the range."""
        wider = dataclasses.replace(
            self.filters, start=self.filters.start - datetime.timedelta(days=SPIKE_WINDOW)
        )
        rows = (
            wider.apply_to_sums()
            .filter(
                Q(event_type=EventType.SHARE)
                | Q(event_type=EventType.ARRIVAL, arrival_class=ArrivalClass.TAGGED)
            )
            .values_list("day", "event_type")
            .annotate(total=Sum("count"))
        )
        history = defaultdict(lambda: [0, 0])
        for day, event_type, total in rows:
            history[day][0 if event_type == EventType.SHARE else 1] += total
        return {day: tuple(counts) for day, counts in history.items()}

    @cached_property
    def spikes(self):
        """``[Spike]``: days of the range whose shares or tagged arrivals jump far above
        their trailing median (see ``SPIKE_FACTOR``), in day order. Forged events, or a
        story going viral: either way a human should look.
        """
        history = self._spike_history
        result = []
        for day in self.filters.days:
            before = [
                history.get(day - datetime.timedelta(days=n), (0, 0))
                for n in range(1, SPIKE_WINDOW + 1)
            ]
            today = history.get(day, (0, 0))
            for index, figure in enumerate(Spike.FIGURES):
                spike = Spike.detect(
                    day, figure, today[index], [counts[index] for counts in before]
                )
                if spike:
                    result.append(spike)
        return result

    # The query results behind every figure: what ``cached_report`` keeps.
    SNAPSHOT = (
        "_daily",
        "_direct",
        "_attribution_by_channel",
        "median_delay",
        "_top_pages_cached",
        "_spike_history",
    )

    def snapshot(self):
        """Run every query; return their results, picklable, for the cache."""
        return {name: getattr(self, name) for name in self.SNAPSHOT}

    @classmethod
    def from_snapshot(cls, filters, snapshot):
        report = cls(filters)
        report.__dict__.update(snapshot)  # fills the cached properties
        return report

    @cached_property
    def timeseries(self):
        days = self.filters.days
        index = {day: n for n, day in enumerate(days)}

        def series():
            return [0] * len(days)

        shares, arrivals = defaultdict(series), defaultdict(series)
        dark, social = series(), series()
        for (day, event_type, channel, arrival_class), count in self._daily.items():
            n = index[day]
            if event_type == EventType.SHARE:
                shares[channel][n] += count
            elif event_type == EventType.ARRIVAL and arrival_class == ArrivalClass.TAGGED:
                arrivals[channel][n] += count
            elif event_type == EventType.ARRIVAL and arrival_class == ArrivalClass.DARK:
                dark[n] += count
            elif event_type == EventType.ARRIVAL and arrival_class == ArrivalClass.SOCIAL:
                social[n] += count

        def by_total(data):
            return dict(sorted(data.items(), key=lambda item: (-sum(item[1]), item[0])))

        return TimeSeries(days, by_total(shares), by_total(arrivals), dark, social)


def rollups_changed():
    """Forget cached reports; ``rollup_attribution`` calls it after every run."""
    store(VERSION_KEY, uuid.uuid4().hex, None)


def cached_report(filters):
    """A ``Report`` whose query results are cached until the rollups change.

    The rollup job bumps a version (``rollups_changed``); ``CACHE_SECONDS`` bounds
    the staleness should the job run where this cache cannot see it. With the cache
    unreachable, the report reads the rollups.
    """
    cache = plugin_cache()
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            cache.add(VERSION_KEY, version, None)
            version = cache.get(VERSION_KEY, version)
        key = f"darksocial:report:{version}:{filters.cache_key()}"
        snapshot = cache.get(key)
    except Exception:  # noqa: BLE001  (any backend's connection error)
        warn_unavailable()
        return Report(filters)
    if snapshot is not None:
        return Report.from_snapshot(filters, snapshot)
    report = Report(filters)
    store(key, report.snapshot(), CACHE_SECONDS)
    return report


def page_stats(page, days=30, sites=None):
    """Shares, copies and arrivals of one page over the last ``days`` days, today included.

    For the page editor's panel. Reads rollups only, never its subpages, in ``sites``
    (a queryset or list of sites; ``None``: every site the page was seen on). Returns a
    plain dict::

        {
            "start": date, "end": date, "days": 30,
            "shares": 12,
            "shares_by_channel": [{"channel": "whatsapp", "label": "WhatsApp", "count": 7}, ...],
            "copies": 3,
            "arrivals": 40,
            "arrivals_by_class": [{"arrival_class": "dark", "label": "...", "count": 25}, ...],
        }

    Lists are most frequent first and leave out zero counts.
    """
    end = timezone.localdate()
    start = end - datetime.timedelta(days=days - 1)
    rows = DailyRollup.objects.filter(page_id=page.pk, day__gte=start, day__lte=end)
    if sites is not None:
        rows = rows.filter(site__in=sites)
    rows = (
        rows.order_by()
        .values_list("event_type", "channel", "arrival_class")
        .annotate(total=Sum("count"))
    )
    shares, classes, copied = Counter(), Counter(), 0
    for event_type, channel, arrival_class, count in rows:
        if event_type == EventType.SHARE:
            shares[channel] += count
        elif event_type == EventType.ARRIVAL:
            classes[arrival_class] += count
        elif event_type == EventType.COPY:
            copied += count

    def ordered(counter):
        return sorted(counter.items(), key=lambda item: (-item[1], item[0]))

    return {
        "start": start,
        "end": end,
        "days": days,
        "shares": sum(shares.values()),
        "shares_by_channel": [
            {"channel": channel, "label": str(channel_label(channel)), "count": count}
            for channel, count in ordered(shares)
        ],
        "copies": copied,
        "arrivals": sum(classes.values()),
        "arrivals_by_class": [
            {"arrival_class": name, "label": str(arrival_class_label(name)), "count": count}
            for name, count in ordered(classes)
        ],
    }
