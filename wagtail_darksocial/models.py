"""What the plugin stores: per-site share settings, raw events, daily rollups and page scores.

The README's "What is stored" lists exactly these columns; keep the two in step.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string

from . import channels
from .compat import PAGE_MODEL


class EventType(models.TextChoices):
    # Contexts keep these short words apart from Wagtail's "Share" and "Copy" actions.
    SHARE = "share", pgettext_lazy("event type", "Share")
    COPY = "copy", pgettext_lazy("event type", "Copy")
    ARRIVAL = "arrival", _("Arrival")


class ArrivalClass(models.TextChoices):
    TAGGED = "tagged", _("Tagged share")
    DARK = "dark", _("Probable dark social")
    SOCIAL = "social", _("Visible social")
    SEARCH = "search", pgettext_lazy("arrival class", "Search")
    REFERRAL = "referral", _("Other referral")


class CopyKind(models.TextChoices):
    TEXT = "text", _("Text")
    LINK = "link", _("Link")
    QUOTE = "quote", _("Quote")


class LengthBucket(models.TextChoices):
    WORDS_1_10 = "1-10", _("1–10 words")
    WORDS_11_50 = "11-50", _("11–50 words")
    WORDS_51_200 = "51-200", _("51–200 words")
    WORDS_200_PLUS = "200+", _("More than 200 words")


class BarPosition(models.TextChoices):
    INLINE = "inline", _("Inline, after the content")
    BEFORE = "before", _("Inline, before the content")
    FLOATING = "floating", _("Floating bar")


class ButtonStyle(models.TextChoices):
    OUTLINE = "outline", _("Outlined, in the page's colours")
    BRAND = "brand", _("Each network's brand colour")


class CopyAttribution(models.TextChoices):
    OFF = "off", _("Off")
    LINK = "link", _("Append the tagged link")
    TEXT = "text", _("Append “Read more: title link”")


def validate_channel_list(value):
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in channels.SHARE_NAMES]
    if unknown:
        raise ValidationError(
            _("Unknown channels: %(names)s. Choose from: %(known)s."),
            params={"names": ", ".join(unknown), "known": ", ".join(channels.SHARE_NAMES)},
        )
    if len(set(names)) != len(names):
        raise ValidationError(_("Each channel may appear only once."))


@register_setting(icon="link")
class ShareSettings(BaseSiteSetting):
    """Per-site sharing choices; blank fields fall back to ``WAGTAIL_DARKSOCIAL``."""

    # The share bar's fields (sharing/site_settings.py reads them; sharing/settings_form.py
    # edits them). Blank means "the WAGTAIL_DARKSOCIAL default", shown in the form.
    channels = models.CharField(
        _("channels"),
        max_length=255,
        blank=True,
        validators=[validate_channel_list],
        help_text=_("Ticked buttons are shown, in this order."),
    )
    utm_campaign = models.CharField(_("UTM campaign"), max_length=100, blank=True)
    copy_attribution = models.CharField(
        _("copy attribution"), max_length=8, blank=True, choices=CopyAttribution.choices
    )
    bar_position = models.CharField(
        _("bar position"), max_length=8, blank=True, choices=BarPosition.choices
    )
    button_style = models.CharField(
        _("button style"), max_length=8, blank=True, choices=ButtonStyle.choices
    )
    share_counts = models.BooleanField(
        _("show share counts"),
        default=False,
        help_text=_("“Shared 1.2k times” on the bar, from this site's own figures."),
    )
    # Link previews: what pages without an image of their own show (sharing/previews.py).
    default_share_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown in link previews of pages that have no image of their own. "
            "At least 1200×630 pixels."
        ),
    )
    generated_card = models.BooleanField(
        _("generated card"),
        default=False,
        help_text=_("Pages without any image get a card with their title and the site's name."),
    )
    card_colour = models.CharField(
        _("card colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #0b3d91."))],
        help_text=_("Background of generated cards, e.g. #0b3d91. Blank: dark blue."),
    )

    class Meta:
        verbose_name = _("Dark social sharing")


class Event(models.Model):
    """One share, copy or arrival. Identifies a share by token, never a person."""

    created_at = models.DateTimeField(_("time"), db_index=True)
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(PAGE_MODEL, on_delete=models.CASCADE, related_name="+")
    event_type = models.CharField(_("type"), max_length=8, choices=EventType.choices)
    # A channel registry name (channels.py). No database choices: a new channel needs no
    # migration; the endpoint accepts only registry names.
    channel = models.CharField(_("channel"), max_length=10, blank=True)
    token = models.CharField(_("share token"), max_length=16, blank=True, db_index=True)
    parent_token = models.CharField(_("parent token"), max_length=16, blank=True)
    arrival_class = models.CharField(
        _("arrival class"), max_length=8, blank=True, choices=ArrivalClass.choices
    )
    length_bucket = models.CharField(
        _("length bucket"), max_length=8, blank=True, choices=LengthBucket.choices
    )
    # An arrival with no referrer, no share token and no utm_source: what a standard
    # analytics tool books as "Direct". The reports count those the plugin still
    # attributed to a channel (an in-app browser, the Google app).
    direct = models.BooleanField(_("direct"), default=False)
    # A share's re-share depth, written by the rollup job and never lowered: once its
    # ancestors' raw events are pruned, it can no longer be worked out again.
    depth = models.PositiveSmallIntegerField(_("share depth"), null=True, blank=True)

    class Meta:
        verbose_name = _("dark social event")
        indexes = [
            models.Index(fields=["event_type", "created_at"]),
            # Re-shares by parent: the rollup looks them up per share (a small index,
            # only re-shares have a parent token).
            models.Index(
                fields=["parent_token"],
                condition=~models.Q(parent_token=""),
                name="darksocial_event_parent",
            ),
        ]
        constraints = [
            # A share token names one share of one site: a replayed share is not stored
            # again (the endpoint inserts with ON CONFLICT DO NOTHING), so every figure
            # counts it once.
            models.UniqueConstraint(
                fields=["site", "token"],
                condition=models.Q(event_type="share") & ~models.Q(token=""),
                name="darksocial_share_token_unique",
            )
        ]
        permissions = [("view_darksocial_reports", _("Can view dark social reports"))]

    def __str__(self):
        return f"{self.event_type} {self.channel or self.arrival_class} page={self.page_id}"


class DailyCount(models.Model):
    """A day's event count for one site, type, channel and arrival class."""

    day = models.DateField()
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    event_type = models.CharField(max_length=8, choices=EventType.choices)
    channel = models.CharField(max_length=10, blank=True)  # a channels.py name
    arrival_class = models.CharField(max_length=8, blank=True, choices=ArrivalClass.choices)
    count = models.PositiveIntegerField(default=0)
    # Of ``count``, the arrivals a standard analytics tool books as "Direct" (Event.direct).
    direct = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyRollup(DailyCount):
    """Event counts per page, day, type, channel and arrival class; kept after pruning."""

    page = models.ForeignKey(PAGE_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page", "event_type", "channel", "arrival_class"],
                name="darksocial_rollup_unique",
            )
        ]
        indexes = [models.Index(fields=["site", "day"])]

    def __str__(self):
        return f"{self.day} {self.event_type} {self.channel} page={self.page_id}: {self.count}"


class SiteDailyRollup(DailyCount):
    """``DailyRollup`` summed over pages: what the dashboard reads when no page or locale
    filter applies, a few hundred rows a month instead of one per page."""

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "site", "event_type", "channel", "arrival_class"],
                name="darksocial_site_rollup_unique",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.event_type} {self.channel} site={self.site_id}: {self.count}"


class PageScore(models.Model):
    """A page revision's shareability report, computed once per revision."""

    page = models.ForeignKey(PAGE_MODEL, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.PositiveSmallIntegerField()
    worst_check = models.CharField(max_length=32, blank=True)
    language = models.CharField(max_length=16, blank=True)
    report = models.JSONField(default=dict)
    scored_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "revision"], name="darksocial_score_unique")
        ]
        indexes = [models.Index(fields=["page", "-scored_at"])]

    def __str__(self):
        return f"page={self.page_id} revision={self.revision_id}: {self.score}"


class DailyAttribution(models.Model):
    """What the shares made on one day, per site, page and channel, brought back.

    Kept by the rollup job from raw events so the dashboard never reads them:
    ``shares`` made that day, how many were ``converted`` (at least one tagged
    arrival carried their token), how many were ``reshared`` (another share names
    them as parent), the summed and largest re-share ``depth`` (a first share is
    depth 1) and the ``delays`` in seconds from each converted share to its first
    arrival, sorted, so medians over any range are exact.
    """

    day = models.DateField()
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(PAGE_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=10)  # a channels.py name
    shares = models.PositiveIntegerField(default=0)
    converted = models.PositiveIntegerField(default=0)
    arrivals = models.PositiveIntegerField(default=0)
    reshared = models.PositiveIntegerField(default=0)
    depth_sum = models.PositiveIntegerField(default=0)
    depth_max = models.PositiveSmallIntegerField(default=0)
    delays = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page", "channel"], name="darksocial_attribution_unique"
            )
        ]
        indexes = [models.Index(fields=["site", "day"])]

    def __str__(self):
        return f"{self.day} {self.channel} page={self.page_id}: {self.converted}/{self.shares}"


class RollupState(models.Model):
    """The incremental rollup's watermark: every event with ``id <= last_event_id`` is
    counted in the rollups. One row (``name="events"``), written in the same transaction
    as the counts it covers."""

    name = models.CharField(max_length=32, primary_key=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name}: {self.last_event_id}"
