"""What a page is scored as (its profile) and where, in the editor, each fix is made.

Checks name what an editor changes (``seo_title``, ``search_description``, ``title``,
``image``, ``body``) or ``developer``. Here those names become the page's own field
panels: "Promote tab › Title tag", linked to Wagtail's panel anchor
(``#panel-child-promote-…-section``), found by walking the page type's edit handler.
"""

from functools import lru_cache

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..conf import get_setting
from ..scoring import ARTICLE, LISTING, PROFILES
from ..scoring.checks.image import IDEAL_SIZE
from ..sharing.previews import image_field_name

PROFILE_LABELS = {ARTICLE: gettext_lazy("Article"), LISTING: gettext_lazy("Listing page")}


def page_profile(page):
    """``"listing"`` or ``"article"``: ``PAGE_PROFILES``, else the page's place and name."""
    configured = {key.lower(): value for key, value in get_setting("PAGE_PROFILES").items()}
    profile = configured.get(page._meta.label_lower)
    if profile in PROFILES:
        return profile
    if page.depth is not None and page.depth <= 2:  # a site's root page
        return LISTING
    return LISTING if type(page).__name__.endswith("IndexPage") else ARTICLE


@lru_cache(maxsize=64)
def field_panels(model):
    """``{field_name: (tab id, tab heading, panel anchor)}`` of a page model's editor."""
    found = {}
    try:
        handler = model.get_edit_handler()
    except Exception:  # a page type whose panels cannot be built: no links
        return found

    def walk(panel, prefix, tab, anchor):
        field_name = getattr(panel, "field_name", None)
        if field_name:
            found.setdefault(field_name, (tab[0], tab[1], anchor or f"#{prefix}-wrapper"))
        children = getattr(panel, "children", None) or []
        identifiers = getattr(panel, "child_identifiers", [])
        for child, identifier in zip(children, identifiers, strict=False):
            walk(child, f"{prefix}-child-{identifier}", tab, None)

    # A tab's own children are sections with Wagtail's anchors (``…-title-section``);
    # fields nested deeper (in a MultiFieldPanel) are reached by their wrapper's id.
    for child, identifier in zip(handler.children, handler.child_identifiers, strict=False):
        tab_prefix = f"panel-child-{identifier}"
        tab = (identifier, child.heading)  # lazy: shown in the editor's language
        children = getattr(child, "children", None) or []
        for grandchild, name in zip(children, child.child_identifiers, strict=False):
            walk(grandchild, f"{tab_prefix}-child-{name}", tab, f"#{tab_prefix}-{name}-section")
    return found


def _body_field(model):
    for field in model._meta.get_fields():
        if field.__class__.__name__ in ("StreamField", "RichTextField"):
            return field.name
    return None


def _field_label(model, name):
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except Exception:
        return name


def fix_location(page, target):
    """Where an editor makes a fix: ``{"label", "href", "tab"}``, or ``None``.

    ``label`` reads "Promote tab › Title tag"; ``href`` is the field's anchor in the
    editor (or the sharing settings for a site-wide default image, with its own ``fix``).
    """
    model = type(page)
    if target == "seo_title" and not (getattr(page, "seo_title", "") or "").strip():
        target = "title"  # the title is what the editor typed, and also the headline
    names = {
        "seo_title": "seo_title",
        "search_description": "search_description",
        "title": "title",
        "image": image_field_name(model),
        "body": _body_field(model),
    }
    name = names.get(target)
    panels = field_panels(model)
    if name and name in panels:
        tab, heading, anchor = panels[name]
        label = _("%(tab)s tab › %(field)s") % {
            "tab": heading,
            "field": _field_label(model, name),
        }
        return {"label": label, "href": anchor, "tab": tab}
    if target == "image":
        try:
            href = reverse("wagtailsettings:edit", args=["wagtail_darksocial", "sharesettings"])
        except NoReverseMatch:
            href = ""
        return {
            "label": _("Settings › Dark social sharing › Default share image"),
            "href": href,
            # The page type has no image field: the fix is the site's default image.
            "fix": _(
                "Choose a default share image for the site, at least %(width)s×%(height)s "
                "pixels; link previews of pages without an image of their own use it."
            )
            % {"width": IDEAL_SIZE[0], "height": IDEAL_SIZE[1]},
        }
    return None


def is_image_field(field):
    """A foreign key to Wagtail's image model (what a share image field is)."""
    from wagtail.images import get_image_model

    return isinstance(field, models.ForeignKey) and field.related_model is get_image_model()
