"""System checks that catch an incomplete install, each with a hint that says how to fix it."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import URLResolver, get_resolver

from .conf import DEFAULTS, SETTING_NAME
from .shareability.editor_section import OUR_SIDE_PANEL_TEMPLATE, SIDE_PANEL_TEMPLATE

URL_NAMESPACE = "wagtail_darksocial"

REQUIRED_APPS = {
    "rest_framework": "E001",
    "wagtail.contrib.settings": "E002",
}


@register(Tags.compatibility)
def check_installed_apps(app_configs=None, **kwargs):
    errors = []
    for app, code in REQUIRED_APPS.items():
        if not apps.is_installed(app):
            errors.append(
                Error(
                    f"wagtail_darksocial needs {app!r} in INSTALLED_APPS.",
                    hint=f'Add "{app}" to INSTALLED_APPS, next to "wagtail_darksocial".',
                    id=f"wagtail_darksocial.{code}",
                )
            )
    return errors


@register(Tags.urls)
def check_urls_included(app_configs=None, **kwargs):
    namespace = URL_NAMESPACE
    resolver = get_resolver()
    hint = (
        'Add path("darksocial/", include("wagtail_darksocial.urls")) to your root '
        "urls.py, before Wagtail's catch-all include(wagtail_urls)."
    )
    if namespace not in resolver.namespace_dict:
        return [
            Error(
                "wagtail_darksocial's URLs are not included in the root URLconf.",
                hint=hint,
                id="wagtail_darksocial.E003",
            )
        ]
    ours = wagtails = None
    for index, pattern in enumerate(resolver.url_patterns):
        if not isinstance(pattern, URLResolver):
            continue
        if ours is None and pattern.namespace == namespace:
            ours = index
        if wagtails is None and _includes_wagtail_urls(pattern):
            wagtails = index
    if ours is not None and wagtails is not None and wagtails < ours:
        return [
            Error(
                "wagtail_darksocial's URLs come after Wagtail's catch-all, so Wagtail "
                "answers them with 404.",
                hint=hint,
                id="wagtail_darksocial.E004",
            )
        ]
    return []


def _includes_wagtail_urls(resolver, depth=0):
    """Whether ``resolver`` is, or wraps (e.g. in ``i18n_patterns``), ``wagtail.urls``."""
    if getattr(resolver.urlconf_module, "__name__", None) == "wagtail.urls":
        return True
    if depth > 2:
        return False
    return any(
        isinstance(child, URLResolver) and _includes_wagtail_urls(child, depth + 1)
        for child in resolver.url_patterns
    )


@register()
def check_settings(app_configs=None, **kwargs):
    user = getattr(settings, SETTING_NAME, None)
    if user is None:
        return []
    if not isinstance(user, dict):
        return [
            Error(
                f"{SETTING_NAME} must be a dict.",
                hint=f"Set {SETTING_NAME} = {{...}} or remove it to use the defaults.",
                id="wagtail_darksocial.E005",
            )
        ]
    unknown = sorted(set(user) - set(DEFAULTS))
    if unknown:
        return [
            Warning(
                f"Unknown {SETTING_NAME} keys: {', '.join(unknown)}.",
                hint="Check the spelling against the configuration reference in the README.",
                id="wagtail_darksocial.W001",
            )
        ]
    return []


@register(Tags.templates)
def side_panel_template_is_ours(app_configs=None, **kwargs):
    """Warn when Wagtail's own Checks panel template is found before the plugin's."""
    try:
        origin = get_template(SIDE_PANEL_TEMPLATE).origin.name
    except TemplateDoesNotExist:
        return []
    if Path(origin).resolve() == OUR_SIDE_PANEL_TEMPLATE:
        return []
    return [
        Warning(
            "The Shareability section will not show in the page editor: the template "
            f"{SIDE_PANEL_TEMPLATE} is loaded from {origin}, not from wagtail_darksocial.",
            hint="Keep Django's filesystem template loader enabled (it is by default), or "
            'list "wagtail_darksocial" above "wagtail.admin" in INSTALLED_APPS. If your own '
            "template of that name calls {% shareability_panel %}, silence this.",
            id="wagtail_darksocial.W010",
        )
    ]
