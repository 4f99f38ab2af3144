"""The channel registry: every share channel, and everything known about it, in one entry.

Adding a channel is one ``ShareChannel`` entry below plus one icon template,
``templates/wagtail_darksocial/icons/<name>.svg``. Everything else derives from
``REGISTRY``: the endpoint's accepted names, the default button order, the share links the bar
and the script build, the quote popover, the UTM medium, and how an arrival from the
channel's hosts or apps is classified. ``tests/test_channels.py`` walks the registry.

Names are stored in the database (at most 10 characters); labels of brand names are
not translated, the others are.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: GA4's default channel group recognises these ``utm_medium`` values.
SOCIAL, EMAIL, SMS = "social", "email", "sms"


@dataclass(frozen=True)
class ShareChannel:
    """One share channel.

    ``share_url`` is the channel's share page, with ``{url}`` (the tagged link),
    ``{text}`` (the message: title or quote), ``{title}`` and ``{app_id}``
    placeholders; ``None`` for channels the script handles (share sheet, copy).
    ``text_limit`` is the longest message the channel takes. ``private`` channels are
    seen by no one but the recipients: their arrivals are dark social.
    ``referrer_hosts`` (matched with their subdomains) and ``app_ids`` (Android
    packages, as in ``android-app://<id>/``) say that an untagged arrival came from it.
    """

    name: str
    label: str
    share_url: str | None
    private: bool
    medium: str = SOCIAL
    text_limit: int = 500
    quote: bool = False  # offered in the quote popover
    action: str | None = None  # the button's accessible name; default "Share on <label>"
    needs_setting: str | None = None  # hidden unless this setting is set
    referrer_hosts: tuple = ()
    app_ids: tuple = ()
    source: str = ""  # where the share URL and the hosts come from

    @property
    def scripted(self):
        """Rendered hidden and shown by the script (no share URL to link to)."""
        return self.share_url is None

    def action_label(self):
        if self.action:
            return self.action
        return _("Share on %(channel)s") % {"channel": self.label}


REGISTRY = (
    ShareChannel(
        "whatsapp",
        "WhatsApp",
        "https://wa.me/?text={text}%20{url}",
        private=True,
        quote=True,
        referrer_hosts=("whatsapp.com", "wa.me"),
        app_ids=("com.whatsapp", "com.whatsapp.w4b"),
        source="https://faq.whatsapp.com/5913398998672934",
    ),
    ShareChannel(
        "telegram",
        "Telegram",
        "https://t.me/share/url?url={url}&text={text}",
        private=True,
        quote=True,
        referrer_hosts=("telegram.org", "t.me"),
        app_ids=("org.telegram.messenger", "org.thunderdog.challegram"),
        source="https://core.telegram.org/widgets/share",
    ),
    ShareChannel(
        "messenger",
        "Messenger",
        "https://www.facebook.com/dialog/send?app_id={app_id}&link={url}&redirect_uri={url}",
        private=True,
        needs_setting="FACEBOOK_APP_ID",
        referrer_hosts=("messenger.com", "m.me"),
        app_ids=("com.facebook.orca",),
        source="https://developers.facebook.com/docs/sharing/reference/send-dialog",
    ),
    ShareChannel(
        "email",
        _("E-mail"),
        "mailto:?subject={title}&body={text}%0A%0A{url}",
        private=True,
        medium=EMAIL,
        quote=True,
        action=_("Share by e-mail"),
        app_ids=("com.google.android.gm", "com.microsoft.office.outlook"),
        source="RFC 6068",
    ),
    ShareChannel(
        "sms",
        _("SMS"),
        "sms:?&body={text}%20{url}",
        private=True,
        medium=SMS,
        quote=True,
        action=_("Share by SMS"),
        app_ids=("com.google.android.apps.messaging", "com.samsung.android.messaging"),
        source="RFC 5724",
    ),
    ShareChannel(
        "linkedin",
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/?url={url}",
        private=False,
        referrer_hosts=("linkedin.com", "lnkd.in"),
        app_ids=("com.linkedin.android",),
        source="https://learn.microsoft.com/linkedin/consumer/integrations/self-serve/plugins/share-plugin",
    ),
    ShareChannel(
        "x",
        "X",
        "https://x.com/intent/post?text={text}&url={url}",
        private=False,
        # X counts every link as 23 characters: 280 - 23 - a space.
        text_limit=256,
        quote=True,
        referrer_hosts=("x.com", "twitter.com", "t.co"),
        app_ids=("com.twitter.android",),
        source="https://developer.x.com/en/docs/x-for-websites/tweet-button/guides/web-intent",
    ),
    ShareChannel(
        "facebook",
        "Facebook",
        "https://www.facebook.com/sharer/sharer.php?u={url}",
        private=False,
        referrer_hosts=("facebook.com", "fb.com", "fb.me"),
        app_ids=("com.facebook.katana", "com.facebook.lite"),
        source="https://developers.facebook.com/docs/plugins/share-button",
    ),
    ShareChannel(
        "bluesky",
        "Bluesky",
        "https://bsky.app/intent/compose?text={text}%20{url}",
        private=False,
        text_limit=300,
        quote=True,
        referrer_hosts=("bsky.app",),
        app_ids=("xyz.blueskyweb.app",),
        source="https://docs.bsky.app/docs/advanced-guides/intent-links",
    ),
    ShareChannel(
        "reddit",
        "Reddit",
        "https://www.reddit.com/submit?url={url}&title={title}",
        private=False,
        referrer_hosts=("reddit.com", "redd.it"),
        app_ids=("com.reddit.frontpage",),
        source="https://www.reddit.com/dev/api#POST_api_submit",
    ),
    ShareChannel(
        "native",
        _("Share sheet"),
        None,
        private=True,
        quote=True,
        action=_("More ways to share"),
        source="https://developer.mozilla.org/docs/Web/API/Navigator/share",
    ),
    ShareChannel("copy", _("Copy link"), None, private=True, quote=True, action=_("Copy link")),
)

BY_NAME = {channel.name: channel for channel in REGISTRY}
NAMES = tuple(BY_NAME)
PRIVATE = frozenset(channel.name for channel in REGISTRY if channel.private)


def by_host(host):
    """The channel whose referrer hosts include ``host`` or one of its parent domains."""
    labels = host.split(".")
    for index in range(len(labels)):
        channel = _HOSTS.get(".".join(labels[index:]))
        if channel:
            return channel
    return None


def by_app(app_id):
    """The channel of an Android app id (``com.whatsapp``), if any."""
    return _APPS.get(app_id)


_HOSTS = {host: channel for channel in REGISTRY for host in channel.referrer_hosts}
_APPS = {app: channel for channel in REGISTRY for app in channel.app_ids}
