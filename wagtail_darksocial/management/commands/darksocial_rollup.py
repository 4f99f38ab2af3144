"""``manage.py darksocial_rollup [--days N | --all] [--no-wait]``: recompute the daily rollups."""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from ...tracking.rollups import rollup
from ._locked import LockedCommand


class Command(LockedCommand):
    help = (
        "Recompute the daily rollups and attribution from raw events. By default every "
        "day within the retention period; days older than it are never recomputed."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--days", type=int, help="Only the last N days, today included.")
        group.add_argument(
            "--all", action="store_true", help="Every day within the retention period."
        )

    def handle(self, *args, days=None, no_wait=False, **options):
        start_day = None
        if days is not None:
            if days < 1:
                raise CommandError("--days must be at least 1.")
            start_day = timezone.localdate() - datetime.timedelta(days=days - 1)
        self.run_exclusively(lambda: rollup(start_day=start_day), no_wait)
