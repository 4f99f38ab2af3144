"""``manage.py darksocial_rollup [--days N | --all] [--no-wait]``: count the new events
into the daily rollups; ``--days``/``--all`` also rebuild days from raw events."""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from ...tracking.rollups import rebuild, rollup
from ._locked import LockedCommand


class Command(LockedCommand):
    help = (
        "Count the events that arrived since the last run into the daily rollups and "
        "attribution. With --days or --all, also rebuild those days from raw events (a "
        "repair); days older than the retention period are never rebuilt."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--days", type=int, help="Also rebuild the last N days, today included."
        )
        group.add_argument(
            "--all", action="store_true", help="Also rebuild every day within the retention."
        )

    def handle(self, *args, days=None, no_wait=False, **options):
        if options["all"]:
            self.run_exclusively(rebuild, no_wait)
            return
        if days is None:
            self.run_exclusively(rollup, no_wait)
            return
        if days < 1:
            raise CommandError("--days must be at least 1.")
        start_day = timezone.localdate() - datetime.timedelta(days=days - 1)
        self.run_exclusively(lambda: rebuild(start_day=start_day), no_wait)
