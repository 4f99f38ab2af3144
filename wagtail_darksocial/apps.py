from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailDarkSocialConfig(AppConfig):
    name = "wagtail_darksocial"
    label = "wagtail_darksocial"
    verbose_name = _("Dark social")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
