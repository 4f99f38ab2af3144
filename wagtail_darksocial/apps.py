from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailDarkSocialConfig(AppConfig):
    name = "wagtail_darksocial"
    label = "wagtail_darksocial"
    verbose_name = _("Dark social")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401  (checks registers itself)
        from .models import ShareSettings
        from .shareability.editor_section import add_template_overrides
        from .sharing.settings_form import ShareSettingsForm

        signal_handlers.connect()
        add_template_overrides()
        # The settings form lives with the feature; models.py may not import it.
        ShareSettings.base_form_class = ShareSettingsForm
