"""``manage.py darksocial_score``."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from wagtail_darksocial.models import PageScore


def run(*args):
    out = io.StringIO()
    call_command("darksocial_score", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_one_page(weak_page):
    out = run("--page", str(weak_page.pk))
    assert "\r[" in out and "] 1/1" in out  # the progress bar
    assert "1 pages scored, 0 skipped (cached), 0 failed" in out
    score = PageScore.objects.get(page=weak_page)
    assert score.revision_id == weak_page.latest_revision_id
    assert f"mean score {score.score}.0" in out
    assert re.search(r"[\d.]+ pages/s", out)


def test_all_pages_then_again_from_the_cache(demo_site):
    pages = Page.objects.filter(depth__gt=1).count()
    out = run("--all")
    assert f"{pages} pages scored, 0 skipped (cached), 0 failed" in out
    assert f"] {pages}/{pages}" in out
    assert PageScore.objects.count() == pages
    out = run("--all")
    assert f"0 pages scored, {pages} skipped (cached), 0 failed" in out
    out = run("--all", "--force")
    assert f"{pages} pages scored, 0 skipped" in out
    assert PageScore.objects.count() == pages


def test_failures_are_counted_and_the_run_goes_on(weak_page, good_page):
    from wagtail import hooks

    def boom(page, request, args, kwargs):
        if page.pk == weak_page.pk:
            raise RuntimeError("broken")

    with hooks.register_temporarily("before_serve_page", boom):
        out = run("--page", str(weak_page.pk), "--page", str(good_page.pk))
    assert "1 pages scored, 0 skipped (cached), 1 failed" in out


def test_an_unknown_page_id_is_a_clear_error(demo_site):
    with pytest.raises(CommandError, match="No page with id 987654"):
        run("--page", "987654")


@pytest.mark.parametrize("args", [(), ("--all", "--page", "3"), ("--page", "x")])
def test_bad_arguments_are_rejected(db, args):
    with pytest.raises(CommandError):
        run(*args)
