"""Every difference between the supported Wagtail versions, in one place.

Wagtail 8 made ``Page`` swappable through ``swapper`` (a dependency of Wagtail 8 only);
Wagtail 7.4 LTS has neither. The rest of the package gets the page model from here and
never imports ``swapper`` itself. ``tests/test_packaging.py`` holds the package to that.
"""

import wagtail
from django.conf import settings

#: Wagtail 8 lets a site swap the base ``Page`` model (``WAGTAIL_PAGE_MODEL``).
WAGTAIL_HAS_SWAPPABLE_PAGE = wagtail.VERSION >= (8, 0)

#: The setting that names the page model on Wagtail 8. Migrations refer to it.
PAGE_MODEL_SETTING = "WAGTAIL_PAGE_MODEL"

if WAGTAIL_HAS_SWAPPABLE_PAGE:
    import swapper

    #: ``"app_label.Model"`` of the page model, for foreign keys.
    PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")
else:
    PAGE_MODEL = "wagtailcore.Page"
    # Our migrations (made on Wagtail 8) say ``to=settings.WAGTAIL_PAGE_MODEL``, a
    # setting that ``swapper`` defines by default on 8. Define it here for 7.4 too, so
    # they load there; models.py imports this module before any migration is read.
    if not hasattr(settings, PAGE_MODEL_SETTING):
        setattr(settings, PAGE_MODEL_SETTING, PAGE_MODEL)


def get_page_model():
    """The page model class: Wagtail's ``Page``, or the site's own on Wagtail 8."""
    if WAGTAIL_HAS_SWAPPABLE_PAGE:
        return swapper.load_model("wagtailcore", "Page")
    from wagtail.models import Page

    return Page
