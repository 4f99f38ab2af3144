"""Page types of the example site: a home page and an article."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "demo/blocks/quote.html"


class HomePage(Page):
    intro = models.TextField(_("intro"), blank=True, help_text=_("Shown under the site's name."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["demo.ArticlePage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.child_of(self).live().specific().order_by("-first_published_at")
        )
        return context


class ArticlePage(Page):
    intro = models.TextField(
        _("intro"), blank=True, help_text=_("Standfirst shown under the headline.")
    )
    body = StreamField(
        [
            (
                "heading",
                blocks.CharBlock(form_classname="title", icon="title", label=_("Subheading")),
            ),
            (
                "paragraph",
                blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Paragraph")),
            ),
            ("quote", QuoteBlock(label=_("Quote"))),
        ],
        blank=True,
        verbose_name=_("body"),
    )
    feed_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("feed image"),
        help_text=_(
            "Shown at the top of the article and in link previews; at least 1200×630 pixels."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("feed_image"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["demo.HomePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title,
            "description": self.search_description or self.intro,
            "inLanguage": self.locale.language_code,
            "datePublished": self.first_published_at,
            "dateModified": self.last_published_at,
        }
        if self.feed_image:
            card = self.feed_image.get_rendition("original")
            context["card"] = card
            context["card_url"] = request.build_absolute_uri(card.url)
            data["image"] = context["card_url"]
        encoded = json.dumps(data, cls=DjangoJSONEncoder).translate(_json_script_escapes)
        context["structured_data_json"] = mark_safe(encoded)  # noqa: S308  (escaped above)
        return context
