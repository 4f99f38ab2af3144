"""Generate realistic synthetic dark-social traffic for a demo site.

Events go through the events endpoint's own validation and arrival classification
(``tracking.api.validation`` and ``tracking.api.ingest``), are back-dated over the
last ``--days`` days, then rolled up by the same ``rollup()`` the scheduled job runs.
Never run it on a production site: it writes made-up events.
"""

import datetime
import random
import secrets
import string

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page, Site

from wagtail_darksocial.models import Event
from wagtail_darksocial.sharing.site_settings import site_sharing
from wagtail_darksocial.tracking.api.ingest import build_events
from wagtail_darksocial.tracking.api.lookups import site_info_for_request
from wagtail_darksocial.tracking.api.validation import validate_payload
from wagtail_darksocial.tracking.rollups import rollup

TOKEN_ALPHABET = string.ascii_letters + string.digits + "_-"
CHANNEL_WEIGHTS = {
    "whatsapp": 34,
    "email": 14,
    "copy": 12,
    "telegram": 8,
    "linkedin": 8,
    "sms": 5,
    "messenger": 4,
    "x": 5,
    "facebook": 5,
    "native": 3,
    "bluesky": 1,
    "reddit": 1,
}
REFERRERS = {
    "": 45,  # no referrer: probable dark social on deep pages
    "www.google.com": 25,
    "l.facebook.com": 8,
    "t.co": 4,
    "www.linkedin.com": 5,
    "duckduckgo.com": 5,
    "news.example.org": 8,
    "mail.google.com": 3,  # webmail and app referrers: dark social with a channel
    "webmail.free.fr": 1,
    "android-app://com.whatsapp": 3,
    "android-app://com.google.android.gm": 2,
    "app.slack.com": 1,
}
BROWSER = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1"
)
# The user agent an arrival's beacon comes with: in-app browsers send no referrer.
USER_AGENTS = {
    BROWSER: 86,
    BROWSER.replace("Version/17.6 ", "").replace(" Safari/604.1", " Instagram 330.0.3.21.95"): 5,
    BROWSER.replace("Version/17.6 ", "").replace(" Safari/604.1", " [FBAN/FBIOS;FBAV/470.0]"): 3,
    BROWSER.replace(" Safari/604.1", " [FBAN/MessengerForiOS;FBAV/428.0]"): 2,
    BROWSER.replace("Version/17.6 ", "GSA/343.0.695551749 "): 4,
}
BUCKETS = {"1-10": 30, "11-50": 45, "51-200": 20, "200+": 5}
COPY_KINDS = {"text": 70, "link": 20, "quote": 10}


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def token(rng):
    return "".join(rng.choice(TOKEN_ALPHABET) for _ in range(10))


class Command(BaseCommand):
    help = "Generate synthetic shares, copies and arrivals for the demo site, then roll up."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Days of history (1-365).")
        parser.add_argument("--seed", type=int, default=None, help="Random seed (repeatable).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete this site's raw events first."
        )

    def handle(self, *args, days, seed, replace, **options):
        if not 1 <= days <= 365:
            raise CommandError("--days must be between 1 and 365.")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("No default Wagtail site: load some pages first.")
        host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        factory = RequestFactory()
        request = factory.post("/", HTTP_HOST=host, HTTP_USER_AGENT=BROWSER)
        requests = {
            agent: factory.post("/", HTTP_HOST=host, HTTP_USER_AGENT=agent)
            for agent in USER_AGENTS
        }
        site_info = site_info_for_request(request)
        in_site = Q()
        for root_path in site_info.root_paths:
            in_site |= Q(url_path__startswith=root_path)
        pages = list(Page.objects.live().filter(in_site))
        root_ids = {page.pk for page in pages if page.url_path in site_info.root_paths}
        campaign = site_sharing(site.pk).campaign
        if not pages:
            raise CommandError("The default site has no live pages.")
        if replace:
            Event.objects.filter(site=site).delete()

        rng = random.Random(seed if seed is not None else secrets.randbits(32))
        now = timezone.now()
        start = now - datetime.timedelta(days=days)
        popularity = {page.pk: rng.paretovariate(1.5) for page in pages}
        deep_pages = [page for page in pages if page.pk not in root_ids]
        payloads = []  # (time, event dict)

        def when(base, spread_hours):
            moment = base + datetime.timedelta(hours=rng.expovariate(1 / spread_hours))
            return min(moment, now)

        def share(page, moment, parent=None, depth=1):
            channel = pick(rng, CHANNEL_WEIGHTS)
            share_token = token(rng)
            event = {"type": "share", "page": page.pk, "channel": channel, "token": share_token}
            if parent:
                event["parent"] = parent
            payloads.append((moment, event))
            if rng.random() < 0.55:  # the link was opened
                for _ in range(rng.choice((1, 1, 1, 2, 3))):
                    arrived = when(moment, 6)
                    payloads.append(
                        (
                            arrived,
                            {
                                "type": "arrival",
                                "page": page.pk,
                                "referrer": "",
                                "token": share_token,
                                "source": channel,
                                "campaign": campaign,
                            },
                        )
                    )
                    if depth < 6 and rng.random() < 0.2:  # and shared on
                        share(page, when(arrived, 2), parent=share_token, depth=depth + 1)

        for day in range(days):
            day_start = start + datetime.timedelta(days=day)
            for page in pages:
                weight = popularity[page.pk]
                for _ in range(rng.randint(0, round(2 * weight))):
                    share(page, when(day_start, 8))
                for _ in range(rng.randint(0, round(3 * weight))):
                    payloads.append(
                        (
                            when(day_start, 8),
                            {
                                "type": "copy",
                                "page": page.pk,
                                "kind": pick(rng, COPY_KINDS),
                                "bucket": pick(rng, BUCKETS),
                            },
                        )
                    )
            for _ in range(rng.randint(5, 25)):
                page = rng.choice(deep_pages or pages)
                referrer = pick(rng, REFERRERS)
                agent = pick(rng, USER_AGENTS) if not referrer else BROWSER
                payloads.append(
                    (
                        when(day_start, 8),
                        {"type": "arrival", "page": page.pk, "referrer": referrer},
                        requests[agent],
                    )
                )

        rows = []
        for moment, event, *sent_by in payloads:
            # The endpoint's own validation and classification, one event at a time.
            sender = sent_by[0] if sent_by else request
            for row in build_events(sender, site_info, validate_payload(event, 1)):
                row.created_at = moment
                rows.append(row)
        Event.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        result = rollup(start_day=timezone.localdate(start))
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(rows)} events over the last {days} days on {len(pages)} pages; "
                f"daily counts rolled up from {timezone.localdate(start)} to today "
                f"({len(result.days)} calendar days)."
            )
        )
