"""Every signal receiver of the plugin, connected once from ``AppConfig.ready()``."""

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published

from . import conf
from .models import ShareSettings
from .reports.stats import rollups_changed
from .shareability.editor_section import add_template_overrides
from .shareability.tasks import queue_score_on_publish
from .sharing.bar import forget_fragments
from .sharing.previews import forget_image, forget_site_previews
from .sharing.site_settings import forget_site_sharing
from .tracking.api.lookups import forget_sites
from .tracking.signals import rollups_updated


def forget_cached_reports(**kwargs):
    rollups_changed()


def connect():
    uid = "wagtail_darksocial.{}".format
    # Settings overridden (tests, mostly): cached settings, fragments and templates.
    setting_changed.connect(conf.forget_config, dispatch_uid=uid("config"))
    setting_changed.connect(forget_fragments, dispatch_uid=uid("fragments"))
    setting_changed.connect(add_template_overrides, dispatch_uid=uid("templates"))
    # Sharing: a site's choices saved or deleted.
    for signal in (post_save, post_delete):
        signal.connect(forget_site_sharing, sender=ShareSettings, dispatch_uid=uid("sharing"))
        # Link previews: a site's default image, or an image's file or focal point.
        signal.connect(forget_site_previews, sender=ShareSettings, dispatch_uid=uid("previews"))
        signal.connect(forget_image, sender=get_image_model(), dispatch_uid=uid("image"))
        # Tracking: sites and view restrictions are cached per process.
        signal.connect(forget_sites, sender=Site, dispatch_uid=uid("sites"))
        signal.connect(forget_sites, sender=PageViewRestriction, dispatch_uid=uid("restricted"))
    # Reports: new rollups make cached figures stale.
    rollups_updated.connect(forget_cached_reports, dispatch_uid=uid("reports"))
    # Shareability: score a page when it is published (SCORE_ON_PUBLISH).
    page_published.connect(queue_score_on_publish, dispatch_uid=uid("score_on_publish"))
