from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailDarkSocialConfig(AppConfig):
    name = "wagtail_darksocial"
    label = "wagtail_darksocial"
    verbose_name = _("Dark social")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401  (checks registers itself)
        from .shareability.editor_section import add_template_overrides

        signal_handlers.connect()
        add_template_overrides()
