"""Load the demo site's pages, images and admin user. Safe to run again and again."""

import os

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from example_site.demo.content import load_articles
from example_site.demo.images import IMAGE_DESCRIPTIONS, IMAGE_SPECS, draw_card
from example_site.demo.models import ArticlePage, HomePage

ADMIN_USERNAME = "admin"
DEFAULT_ADMIN_PASSWORD = "darksocial-demo"
HOME_TITLES = {"en": "Dark Social Demo", "fr": "Démo Dark Social"}
HOME_INTROS = {
    "en": "Articles about the sharing your analytics cannot see.",
    "fr": "Des articles sur le partage que vos statistiques ne voient pas.",
}


class Command(BaseCommand):
    help = "Load (or refresh) the demo content in English and French and the admin user."

    def add_arguments(self, parser):
        parser.add_argument("--hostname", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))

    @transaction.atomic
    def handle(self, *args, hostname, port, **options):
        locales = {
            code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "fr")
        }
        home = self.ensure_home(locales["en"], hostname, port)
        homes = {"en": home, "fr": self.ensure_translation(home, locales["fr"])}
        self.update_home(homes["fr"], "fr")
        images = self.ensure_images()

        created = updated = 0
        sources = {}
        for article in load_articles():
            page, state = self.ensure_article(article, homes, locales, images, sources)
            sources.setdefault(article.key, page)
            created += state == "created"
            updated += state == "updated"

        password = self.ensure_admin()
        per_language = ArticlePage.objects.filter(locale=locales["en"]).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {created} pages created, {updated} updated; "
                f"{per_language} articles in English and the same in French "
                f"(one of them the deliberately weak page)."
            )
        )
        self.stdout.write(
            f"Site: http://{hostname}:{port}/  Admin: http://{hostname}:{port}/admin/"
        )
        self.stdout.write(f"Admin login: username {ADMIN_USERNAME!r}, password {password!r}")

    def ensure_home(self, locale, hostname, port):
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            root = Page.get_first_root_node() or Page.add_root(
                instance=Page(title="Root", slug="root", locale=locale)
            )
            # Wagtail's initial "Welcome" page sits where the home page goes.
            for welcome in root.get_children().filter(slug="home"):
                if not isinstance(welcome.specific, HomePage):
                    welcome.delete()
            root.refresh_from_db()
            home = root.add_child(instance=HomePage(title=HOME_TITLES["en"], slug="home"))
        self.update_home(home, "en")
        site = Site.objects.filter(is_default_site=True).first() or Site()
        site.hostname, site.port, site.root_page = hostname, port, home
        site.site_name, site.is_default_site = HOME_TITLES["en"], True
        site.save()
        return home

    def update_home(self, home, language):
        if (home.title, home.intro, home.live) != (
            HOME_TITLES[language],
            HOME_INTROS[language],
            True,
        ):
            home.title, home.intro = HOME_TITLES[language], HOME_INTROS[language]
            home.save_revision().publish()

    def ensure_translation(self, page, locale):
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = page.copy_for_translation(locale)
        return translation.specific

    def ensure_images(self):
        image_model = get_image_model()
        images = {}
        for name in IMAGE_SPECS:
            image = image_model.objects.filter(title=name).first()
            if image is None:
                from django.core.files.base import ContentFile

                content = ContentFile(draw_card(name), name=f"{name}.jpg")
                image = image_model(title=name, file=ImageFile(content, name=f"{name}.jpg"))
                image.save()
            # Alt text is the description: words, not the file-like title.
            description = IMAGE_DESCRIPTIONS.get(name, "")
            if hasattr(image, "description") and image.description != description:
                image.description = description
                image.save(update_fields=["description"])
            images[name] = image
        return images

    def ensure_article(self, article, homes, locales, images, sources):
        parent = homes[article.language]
        locale = locales[article.language]
        source = sources.get(article.key)
        page = ArticlePage.objects.filter(locale=locale).child_of(parent)
        page = (
            page.filter(translation_key=source.translation_key).first()
            if source
            else page.filter(slug=article.slug).first()
        )
        wanted = {
            "title": article.title,
            "slug": article.slug,
            "intro": article.intro,
            "search_description": article.search_description,
            "feed_image": images.get(article.image),
        }
        if page is None:
            page = ArticlePage(locale=locale, body=article.blocks, **wanted)
            if source:
                page.translation_key = source.translation_key
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page, "created"
        current = {name: getattr(page, name) for name in wanted}
        if current == wanted and _blocks(page.body.raw_data) == article.blocks and page.live:
            return page, "unchanged"
        for name, value in wanted.items():
            setattr(page, name, value)
        page.body = article.blocks
        page.save_revision().publish()
        return page, "updated"

    def ensure_admin(self):
        password = os.environ.get("DEMO_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD)
        user, _ = get_user_model().objects.get_or_create(
            username=ADMIN_USERNAME, defaults={"email": "admin@example.com"}
        )
        user.is_staff = user.is_superuser = True
        # Wagtail's account form requires a name: without one, an editor can't
        # save their preferences (the admin language among them).
        user.first_name = user.first_name or "Demo"
        user.last_name = user.last_name or "Editor"
        user.set_password(password)
        user.save()
        return password


def _blocks(raw_data):
    return [{"type": block["type"], "value": block["value"]} for block in raw_data]
