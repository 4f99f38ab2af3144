"""``manage.py darksocial_score (--all | --page ID [--page ID ...]) [--force]``.

Scores each page's latest revision for the Shareability report. Scores are cached per
revision, so running it again only scores pages edited since.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...compat import get_page_model
from ...shareability.service import score_page

Page = get_page_model()
BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Compute shareability scores of pages' latest revisions (cached per revision)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="Every page but the tree root.")
        which.add_argument(
            "--page", type=int, action="append", metavar="ID", help="A page id; repeatable."
        )
        parser.add_argument(
            "--force", action="store_true", help="Score again even when a score is stored."
        )

    def handle(self, *args, page=None, force=False, verbosity=1, **options):
        pages = self.pages(page)
        total = pages.count()
        counts = {"scored": 0, "cached": 0, "failed": 0}
        scores = []
        started = time.perf_counter()
        for done, page_obj in enumerate(pages.iterator(chunk_size=200), start=1):
            try:
                score = score_page(page_obj, force=force, language=settings.LANGUAGE_CODE)
            except Exception as error:  # one broken page must not stop the run
                score = None
                self.stderr.write(f"\nPage {page_obj.pk}: {type(error).__name__}: {error}")
            if score is None or score.report.get("error"):
                counts["failed"] += 1
                if score is not None and verbosity > 1:
                    self.stderr.write(f"\nPage {page_obj.pk}: {score.report['error']}")
            else:
                counts["scored" if score.computed else "cached"] += 1
                scores.append(score.score)
            if verbosity:
                self.progress(done, total)
        elapsed = time.perf_counter() - started
        if verbosity and total:
            self.stdout.write("")
        self.stdout.write(self.summary(counts, scores, total, elapsed))

    def pages(self, ids):
        if not ids:
            return Page.objects.filter(depth__gt=1).order_by("path").specific()
        found = set(Page.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = sorted(set(ids) - found)
        if missing:
            ids_text = ", ".join(map(str, missing))
            raise CommandError(
                f"No page with id {ids_text}. Page ids are in the admin's edit URLs "
                "(/admin/pages/<id>/edit/)."
            )
        return Page.objects.filter(pk__in=ids).order_by("path").specific()

    def progress(self, done, total):
        """Redraw ``[#####     ] 50/100`` in place; only every 5% when not on a terminal."""
        step = 1 if self.stdout.isatty() else max(1, total // 20)
        if done % step and done != total:
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + " " * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        self.stdout.flush()

    def summary(self, counts, scores, total, elapsed):
        mean = f"{sum(scores) / len(scores):.1f}" if scores else "-"
        rate = total / elapsed if elapsed > 0 else 0.0
        return (
            f"{counts['scored']} pages scored, {counts['cached']} skipped (cached), "
            f"{counts['failed']} failed; mean score {mean}; "
            f"{rate:.1f} pages/s ({elapsed:.2f} s)."
        )
