"""``manage.py darksocial_prune [--days N] [--no-wait]``: delete old raw events, keep rollups."""

from django.core.management.base import CommandError

from ...conf import get_setting
from ...tracking.rollups import prune
from ._locked import LockedCommand


class Command(LockedCommand):
    help = (
        "Roll up, then delete, raw events of the days before today minus N days "
        "(default: RAW_EVENT_RETENTION_DAYS). Daily rollups and attribution are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days of raw events (default: RAW_EVENT_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, no_wait=False, **options):
        if days is None:
            days = get_setting("RAW_EVENT_RETENTION_DAYS")
        if days < 0:
            raise CommandError("--days cannot be negative.")
        self.run_exclusively(lambda: prune(days), no_wait)
