"""A small, hand-checked data set: raw events on two days, two sites, two locales.

Site A (the default site) has three pages under its home page: ``p1`` and ``p2``
(English, with hostile titles) and ``p3`` (French). Site B has ``q1``. Days are
``d1`` (5 days ago) and ``d2`` (4 days ago). Shares, with their fate:

========  ====  =========  ======  ======================================  =====
token     day   page       chan.   tagged arrivals (delay to first)        depth
========  ====  =========  ======  ======================================  =====
t1        d1    p1         wa      2, first after 600 s                    1
t2        d1    p1         wa      none                                    1
t3        d1    p1         email   1 on d2, after 86,400 s; re-shared      1
t4 (t3)   d1    p2         wa      1 after 1,800 s; re-shared              2
t5 (t4)   d2    p2         tg      none                                    3
t6        d2    p2         li      1 after 30 s                            1
t7        d2    p2         x       none                                    1
b1        d1    q1 (B)     wa      1 after 300 s                           1
========  ====  =========  ======  ======================================  =====

Untagged arrivals on site A: dark 3 (p1, d1) + 1 (p3, d1) + 1 (p2, d2); social 2
(p1, d1); search 3 (p2, d1); referral 1 (p2, d2). Copies: 2 (p1, d1), 1 (p3, d1).
Site B: 5 dark arrivals on d1.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Page, Site

from wagtail_darksocial.models import DailyRollup, Event
from wagtail_darksocial.tracking.attribution_rollup import rollup_attribution

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_FORMULA = '=HYPERLINK("x")'


def at(day, hour, minute=0, second=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute, second)))


def event(kind, page, when, *, site, channel="", token="", parent="", arrival_class=""):
    return Event(
        event_type=kind,
        page=page,
        site=site,
        created_at=when,
        channel=channel,
        token=token,
        parent_token=parent,
        arrival_class=arrival_class,
    )


def share(page, when, channel, token, parent="", *, site):
    return event("share", page, when, site=site, channel=channel, token=token, parent=parent)


def tagged(page, when, channel, token, *, site):
    return event(
        "arrival", page, when, site=site, channel=channel, token=token, arrival_class="tagged"
    )


def arrivals(page, when, arrival_class, count, *, site):
    return [
        event("arrival", page, when, site=site, arrival_class=arrival_class) for _ in range(count)
    ]


def _daily_rollup(days):
    """Stand-in for the tracking rollup, should it not be importable."""
    for day in days:
        start = at(day, 0)
        groups = (
            Event.objects.filter(
                created_at__gte=start, created_at__lt=start + datetime.timedelta(1)
            )
            .annotate(day=TruncDate("created_at"))
            .values("day", "page_id", "event_type", "channel", "arrival_class")
            .annotate(count=Count("id"), site_id=Min("site_id"))
            .order_by()
        )
        DailyRollup.objects.filter(day=day).delete()
        DailyRollup.objects.bulk_create(DailyRollup(**group) for group in groups)


def run_rollups(days):
    """The raw-event rollup (the tracking package's when importable), then attribution."""
    days = sorted(set(days))
    try:
        from wagtail_darksocial.tracking.rollups import rollup
    except ImportError:
        _daily_rollup(days)
    else:
        rollup(days[0], days[-1])
    rollup_attribution(days)


def add_page(parent, title, slug, **kwargs):
    return parent.add_child(instance=Page(title=title, slug=slug, **kwargs))


@pytest.fixture(autouse=True)
def _fresh_report_cache():
    """Cached reports are keyed by filters and a rollup version: none may leak across tests."""
    caches["default"].clear()


def default_site():
    """The default site, rebuilt when a transactional test flushed Wagtail's initial data."""
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        return site
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = add_page(root, "Home", "home")
    return Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


@pytest.fixture
def dataset(db):
    """The data set above, rolled up; returns its sites, pages and days."""
    site_a = default_site()
    home = site_a.root_page
    p1 = add_page(home, HOSTILE_SCRIPT, "p1")
    p2 = add_page(home, HOSTILE_FORMULA, "p2")
    french, _ = Locale.objects.get_or_create(language_code="fr")
    p3 = add_page(home, "Page française", "p3", locale=french)
    other_home = add_page(Page.get_first_root_node(), "Other home", "other-home")
    site_b = Site.objects.create(hostname="other.test", root_page=other_home)
    q1 = add_page(other_home, "Other page", "q1")

    today = timezone.localdate()
    d1, d2 = today - datetime.timedelta(days=5), today - datetime.timedelta(days=4)
    a, b = {"site": site_a}, {"site": site_b}
    events = [
        share(p1, at(d1, 10), "whatsapp", "t1", **a),
        tagged(p1, at(d1, 10, 10), "whatsapp", "t1", **a),
        tagged(p1, at(d1, 11), "whatsapp", "t1", **a),
        share(p1, at(d1, 12), "whatsapp", "t2", **a),
        share(p1, at(d1, 9), "email", "t3", **a),
        tagged(p1, at(d2, 9), "email", "t3", **a),
        share(p2, at(d1, 15), "whatsapp", "t4", "t3", **a),
        tagged(p2, at(d1, 15, 30), "whatsapp", "t4", **a),
        share(p2, at(d2, 8), "telegram", "t5", "t4", **a),
        share(p2, at(d2, 10), "linkedin", "t6", **a),
        tagged(p2, at(d2, 10, 0, 30), "linkedin", "t6", **a),
        share(p2, at(d2, 11), "x", "t7", **a),
        *arrivals(p1, at(d1, 13), "dark", 3, **a),
        *arrivals(p3, at(d1, 13), "dark", 1, **a),
        *arrivals(p2, at(d2, 13), "dark", 1, **a),
        *arrivals(p1, at(d1, 14), "social", 2, **a),
        *arrivals(p2, at(d1, 14), "search", 3, **a),
        *arrivals(p2, at(d2, 14), "referral", 1, **a),
        event("copy", p1, at(d1, 16), **a),
        event("copy", p1, at(d1, 16), **a),
        event("copy", p3, at(d1, 16), **a),
        share(q1, at(d1, 10), "whatsapp", "b1", **b),
        tagged(q1, at(d1, 10, 5), "whatsapp", "b1", **b),
        *arrivals(q1, at(d1, 13), "dark", 5, **b),
    ]
    Event.objects.bulk_create(events)
    run_rollups([d1, d2])
    return SimpleNamespace(
        site_a=site_a,
        site_b=site_b,
        home=home,
        p1=p1,
        p2=p2,
        p3=p3,
        q1=q1,
        french=french,
        d1=d1,
        d2=d2,
    )


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")


def _user_in_group(name, *codenames):
    group = Group.objects.create(name=name)
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user = get_user_model().objects.create_user(name.lower(), f"{name.lower()}@example.com", "pw")
    user.groups.add(group)
    return user


def grant_pages(user, page, *codenames):
    """Give the user's first group these page permissions on ``page`` and below."""
    group = user.groups.first()
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )
    return user


@pytest.fixture
def analyst(db):
    """In a group with admin access, the reports permission and "edit" on site A's pages."""
    user = _user_in_group("Analysts", "access_admin", "view_darksocial_reports")
    return grant_pages(user, default_site().root_page, "change_page")


@pytest.fixture
def editor(db):
    """An admin user without the reports permission."""
    return _user_in_group("Writers", "access_admin")
