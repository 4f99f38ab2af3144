from django.apps import AppConfig
from django.core.signals import setting_changed
from django.utils.translation import gettext_lazy as _


class WagtailDarkSocialConfig(AppConfig):
    name = "wagtail_darksocial"
    label = "wagtail_darksocial"
    verbose_name = _("Dark social")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .panels import TEMPLATE_OVERRIDES

        _add_template_dir(TEMPLATE_OVERRIDES)
        # Django rebuilds its template engines when TEMPLATES changes (tests do that).
        setting_changed.connect(_on_setting_changed, dispatch_uid="wagtail_darksocial.templates")


def _on_setting_changed(*, setting, **kwargs):
    if setting == "TEMPLATES":
        from .panels import TEMPLATE_OVERRIDES

        _add_template_dir(TEMPLATE_OVERRIDES)


def _add_template_dir(directory):
    """Let our few extensions of Wagtail admin templates win without an app order.

    Only ``template_overrides/`` is added; it holds templates that extend Wagtail's
    of the same name, so the site's own ``DIRS`` templates still come first.
    """
    from django.template import engines
    from django.template.backends.django import DjangoTemplates

    for engine in engines.all():
        if isinstance(engine, DjangoTemplates) and str(directory) not in map(
            str, engine.engine.dirs
        ):
            engine.engine.dirs = [*engine.engine.dirs, str(directory)]
