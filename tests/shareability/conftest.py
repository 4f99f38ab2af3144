import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from wagtail.models import GroupPagePermission

from example_site.demo.models import ArticlePage, HomePage
from wagtail_darksocial.shareability import service as shareability

# 50 to 60 characters, as the editor types it (the site suffix is checked apart).
GOOD_TITLE = "Measuring the shares that your analytics tools cannot see"


@pytest.fixture(autouse=True)
def _forget_cached_renditions():
    """Wagtail caches renditions; rows rolled back with a test must not be found later."""
    for cache in caches.all():
        cache.clear()


def english(slug):
    return ArticlePage.objects.get(slug=slug, locale__language_code="en")


@pytest.fixture
def weak_page(demo_site):
    return english("update")


@pytest.fixture
def good_page(demo_site):
    """An article with a 1200×630 sharing image."""
    return english("dark-social-explained")


@pytest.fixture
def small_image_page(demo_site):
    """The article whose sharing image is only 120×63."""
    return english("quote-worthy-writing")


@pytest.fixture
def analyses(monkeypatch):
    """Counts the analyser runs made through the thin layer (``analyses.count``)."""

    class Counter:
        count = 0

    real = shareability.analyse

    def counting(*args, **kwargs):
        Counter.count += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(shareability, "analyse", counting)
    return Counter


def make_user(name, *codenames, superuser=False):
    model = get_user_model()
    if superuser:
        return model.objects.create_superuser(name, f"{name}@example.com", "pw")
    user = model.objects.create_user(name, f"{name}@example.com", "pw")
    group = Group.objects.create(name=f"{name} group")
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


def grant_pages(user, page, *codenames):
    group = user.groups.get()
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=codename)
        )


@pytest.fixture
def superuser(db):
    return make_user("boss", superuser=True)


@pytest.fixture
def editor(demo_site):
    """Admin access; may edit the English pages only; no reports permission."""
    user = make_user("editor", "access_admin")
    grant_pages(user, HomePage.objects.get(locale__language_code="en"), "add_page", "change_page")
    return user


@pytest.fixture
def french_editor(demo_site):
    """Admin access; may edit the French pages only."""
    user = make_user("french", "access_admin")
    grant_pages(user, HomePage.objects.get(locale__language_code="fr"), "add_page", "change_page")
    return user


@pytest.fixture
def analyst(demo_site):
    """Reports permission; may edit the French pages only."""
    user = make_user("analyst", "access_admin", "view_darksocial_reports")
    grant_pages(user, HomePage.objects.get(locale__language_code="fr"), "change_page")
    return user
