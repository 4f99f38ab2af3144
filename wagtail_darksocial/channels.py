"""The channel registry: every channel, and everything known about it, in one entry.

One vocabulary for shares and arrivals. A *share channel* has a button (or is handled by
the script); an *arrival source* (``arrival_only``: Instagram, Slack, Google …) has no
button and never appears in the bar or its choices, but names where an arrival came from.

Adding a share channel is one ``ShareChannel`` entry below plus one icon template,
``templates/wagtail_darksocial/icons/<name>.svg``; an arrival source is one entry. Everything
else derives from ``REGISTRY``: the endpoint's accepted names, the default button order,
the share links the bar and the script build, the quote popover, the UTM medium, and how
an arrival is classified (``tracking/classify.py``, rules in docs/tracking.md): by its
referrer host, its Android app referrer, or its in-app browser's user agent.
``tests/test_channels.py`` walks the registry; ``tests/tracking/arrival_corpus.py`` proves
the signals on labelled arrivals.

Names are stored in the database (at most 10 characters); labels of brand names are
not translated, the others are.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: GA4's default channel group recognises these ``utm_medium`` values.
SOCIAL, EMAIL, SMS = "social", "email", "sms"
#: What an arrival's signals make it (``models.ArrivalClass`` values).
DARK, SEARCH = "dark", "search"
ANDROID_APP = "android-app://"


@dataclass(frozen=True)
class ShareChannel:
    """One channel: a share button, an arrival source, or both.

    ``share_url`` is the channel's share page, with ``{url}`` (the tagged link),
    ``{text}`` (the message: title or quote), ``{title}`` and ``{app_id}``
    placeholders; ``None`` for channels the script handles (share sheet, copy) and for
    ``arrival_only`` sources. ``text_limit`` is the longest message the channel takes.
    ``private`` channels are seen by no one but the recipients: their arrivals are dark
    social; ``search`` sources are search engines; the others are public feeds.

    Signals that an untagged arrival came from the channel:

    - ``referrer_hosts``: host names, matched with their subdomains (``l.facebook.com``
      is ``facebook.com``); ``brands``: ``<brand>.<country domain>`` with or without
      ``www.`` (``google.co.uk``);
    - ``app_ids``: Android packages, as in ``android-app://<id>/`` (any case);
    - ``agents``: case-sensitive tokens of the user agent of the channel's in-app
      browser (``FBAN/Messenger``). A search source's agents count only when there is
      no referrer (the Google app's Discover feed).

    ``source`` says where the share URL comes from, ``signals_source`` where the hosts,
    apps and agents do.
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
    arrival_only: bool = False  # an arrival source with no share button
    default: bool = True  # in the default bar (``CHANNELS``) when it is a share channel
    search: bool = False
    referrer_hosts: tuple = ()
    brands: tuple = ()
    app_ids: tuple = ()
    agents: tuple = ()
    source: str = ""
    signals_source: str = ""

    @property
    def shareable(self):
        """A share channel: it may be a button and a share event's channel."""
        return not self.arrival_only

    @property
    def scripted(self):
        """Rendered hidden and shown by the script (no share URL to link to)."""
        return self.share_url is None and self.shareable

    @property
    def arrival_class(self):
        """What an untagged arrival with this channel's signals is."""
        if self.private:
            return DARK
        return SEARCH if self.search else SOCIAL

    def action_label(self):
        if self.action:
            return self.action
        if self.arrival_only:
            return self.label  # never a button: no translation to look up
        return _("Share on %(channel)s") % {"channel": self.label}


def arrival_source(name, label, **signals):
    """An arrival-only entry: a source with no share button."""
    signals.setdefault("private", False)
    # Hosts that are the service's own web address need no other source.
    signals.setdefault("signals_source", "the service's own web address")
    return ShareChannel(name, label, None, arrival_only=True, **signals)


#: Where the user agent tokens of in-app browsers come from (see also the corpus).
UA_LISTS = (
    "published in-app browser user agents: whatismybrowser.com user agent database, "
    "udger.com (in-app browser list), and the apps' own UAs as seen by "
    "useragents.me; each family's sources are noted in tests/tracking/arrival_corpus.py"
)
PLAY = "Google Play store listings (play.google.com/store/apps/details?id=<package>)"

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
        signals_source=f"web.whatsapp.com (WhatsApp Web); {PLAY}",
    ),
    ShareChannel(
        "telegram",
        "Telegram",
        "https://t.me/share/url?url={url}&text={text}",
        private=True,
        quote=True,
        referrer_hosts=("telegram.org", "t.me"),
        app_ids=(
            "org.telegram.messenger",
            "org.telegram.messenger.web",
            "org.thunderdog.challegram",
        ),
        source="https://core.telegram.org/widgets/share",
        signals_source=f"web.telegram.org (Telegram Web); {PLAY}",
    ),
    ShareChannel(
        "messenger",
        "Messenger",
        "https://www.facebook.com/dialog/send?app_id={app_id}&link={url}&redirect_uri={url}",
        private=True,
        needs_setting="FACEBOOK_APP_ID",
        referrer_hosts=("messenger.com", "m.me"),
        app_ids=("com.facebook.orca", "com.facebook.mlite"),
        # iOS: [FBAN/MessengerForiOS;…] (MessengerLiteForiOS too); Android: [FB_IAB/Orca-Android;…]
        agents=("FBAN/Messenger", "Orca-Android", "FB_IAB/MESSENGER"),
        source="https://developers.facebook.com/docs/sharing/reference/send-dialog",
        signals_source=f"messenger.com and l.messenger.com link shim; {PLAY}; {UA_LISTS}",
    ),
    ShareChannel(
        "email",
        _("E-mail"),
        "mailto:?subject={title}&body={text}%0A%0A{url}",
        private=True,
        medium=EMAIL,
        quote=True,
        action=_("Share by e-mail"),
        referrer_hosts=(
            # International webmail
            "mail.google.com",  # Gmail
            "outlook.live.com",  # Outlook.com, Hotmail, Live
            "mail.live.com",
            "outlook.office.com",  # Microsoft 365
            "outlook.office365.com",
            "outlook.cloud.microsoft",
            "mail.yahoo.com",
            "mail.yahoo.co.jp",
            "mail.aol.com",
            "mail.proton.me",  # Proton Mail
            "mail.protonmail.com",
            "mail.zoho.com",
            "mail.zoho.eu",
            "app.fastmail.com",
            "app.tuta.com",  # Tuta (Tutanota)
            "mail.tutanota.com",
            "mail.yandex.ru",
            "mail.yandex.com",
            "e.mail.ru",
            "gmx.net",  # GMX: every GMX domain is its mail service
            "gmx.com",
            "gmx.de",
            "gmx.fr",
            "gmx.at",
            "gmx.ch",
            "mail.com",
            "3c.web.de",  # WEB.DE FreeMail
            # French webmail
            "mail.orange.fr",  # Orange
            "messagerie.orange.fr",
            "mail01.orange.fr",
            "mail02.orange.fr",
            "webmail.sfr.fr",  # SFR
            "messagerie.sfr.fr",
            "webmail.free.fr",  # Free
            "zimbra.free.fr",
            "laposte.net",  # La Poste's mail service (laposte.net addresses)
            "webmail.laposte.net",
            "webmail.laposte.fr",
            "mail.bbox.fr",  # Bouygues Telecom
            "webmail.bbox.fr",
            "webmail.numericable.fr",
        ),
        app_ids=(
            "com.google.android.gm",  # Gmail
            "com.microsoft.office.outlook",
            "com.yahoo.mobile.client.android.mail",
            "ch.protonmail.android",
            "com.samsung.android.email.provider",
            "com.fsck.k9",
            "net.thunderbird.android",
            "com.readdle.spark",
            "de.gmx.mobile.android.mail",
            "com.orange.mail.fr",
            "com.sfr.android.sfrmail",
        ),
        source="RFC 6068",
        signals_source=(
            "the providers' webmail addresses (mail.google.com, outlook.live.com, "
            "mail.yahoo.com, mail.proton.me, www.gmx.fr, mail.orange.fr, webmail.sfr.fr, "
            f"webmail.free.fr, www.laposte.net …); {PLAY}"
        ),
    ),
    ShareChannel(
        "sms",
        _("SMS"),
        "sms:?&body={text}%20{url}",
        private=True,
        medium=SMS,
        quote=True,
        action=_("Share by SMS"),
        referrer_hosts=("messages.google.com",),  # Google Messages for web
        app_ids=("com.google.android.apps.messaging", "com.samsung.android.messaging"),
        source="RFC 5724",
        signals_source=PLAY,
    ),
    ShareChannel(
        "linkedin",
        "LinkedIn",
        "https://www.linkedin.com/sharing/share-offsite/?url={url}",
        private=False,
        referrer_hosts=("linkedin.com", "lnkd.in"),
        app_ids=("com.linkedin.android",),
        agents=("LinkedInApp",),
        source="https://learn.microsoft.com/linkedin/consumer/integrations/self-serve/plugins/share-plugin",
        signals_source=f"lnkd.in is LinkedIn's link shortener; {PLAY}; {UA_LISTS}",
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
        agents=("TwitterAndroid", "Twitter for iPhone"),
        source="https://developer.x.com/en/docs/x-for-websites/tweet-button/guides/web-intent",
        signals_source=f"t.co is X's link wrapper; {PLAY}; {UA_LISTS}",
    ),
    ShareChannel(
        "facebook",
        "Facebook",
        "https://www.facebook.com/sharer/sharer.php?u={url}",
        private=False,
        referrer_hosts=("facebook.com", "fb.com", "fb.me", "fb.watch"),
        app_ids=("com.facebook.katana", "com.facebook.lite"),
        # iOS: [FBAN/FBIOS;FBAV/…]; Android: [FB_IAB/FB4A;FBAV/…]. FBAV/ alone: another
        # Meta app's browser, Messenger's and Instagram's tokens rank first.
        agents=("FBAN/FBIOS", "FB_IAB/FB4A", "FBAV/"),
        source="https://developers.facebook.com/docs/plugins/share-button",
        signals_source=(
            f"l.facebook.com, lm.facebook.com: Facebook's link shims; {PLAY}; {UA_LISTS}"
        ),
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
        signals_source=f"go.bsky.app is Bluesky's link shim; {PLAY}",
    ),
    ShareChannel(
        "reddit",
        "Reddit",
        "https://www.reddit.com/submit?url={url}&title={title}",
        private=False,
        referrer_hosts=("reddit.com", "redd.it"),
        app_ids=("com.reddit.frontpage",),
        source="https://www.reddit.com/dev/api#POST_api_submit",
        signals_source=f"out.reddit.com is Reddit's link shim; {PLAY}",
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
    ShareChannel(
        "mastodon",
        "Mastodon",
        # The official share page: it asks for the reader's server. The text travels in
        # the fragment, so it never reaches a server log.
        "https://share.joinmastodon.org/#text={text}%20{url}",
        private=False,
        quote=True,
        default=False,
        referrer_hosts=(
            "mastodon.social",
            "mastodon.online",
            "mastodon.world",
            "mstdn.social",
            "mas.to",
            "fosstodon.org",
            "hachyderm.io",
            "infosec.exchange",
            "piaille.fr",
            "framapiaf.org",
            "mamot.fr",
            "social.coop",
        ),
        app_ids=("org.joinmastodon.android",),
        source="https://share.joinmastodon.org/ (Mastodon's official share page)",
        signals_source=f"large servers of joinmastodon.org/servers, French ones; {PLAY}",
    ),
    ShareChannel(
        "threads",
        "Threads",
        "https://www.threads.com/intent/post?text={text}&url={url}",
        private=False,
        quote=True,
        default=False,
        referrer_hosts=("threads.com", "threads.net"),
        app_ids=("com.instagram.barcelona",),
        agents=("Barcelona",),  # Threads' in-app browser: "… Barcelona 289.0.0.77.109 …"
        source="https://developers.facebook.com/docs/threads/threads-web-intents",
        signals_source=f"l.threads.com is Threads' link shim; {PLAY}; {UA_LISTS}",
    ),
    # Arrival sources: private channels (dark social) ...
    arrival_source(
        "slack",
        "Slack",
        private=True,
        referrer_hosts=("slack.com", "slack-redir.net"),
        app_ids=("com.Slack",),
        signals_source=f"app.slack.com (Slack on the web), slack-redir.net (its redirect); {PLAY}",
    ),
    arrival_source(
        "teams",
        "Microsoft Teams",
        private=True,
        referrer_hosts=("teams.microsoft.com", "teams.live.com", "teams.cloud.microsoft"),
        app_ids=("com.microsoft.teams",),
        signals_source=f"Teams on the web (teams.microsoft.com, teams.live.com); {PLAY}",
    ),
    arrival_source(
        "discord",
        "Discord",
        private=True,
        referrer_hosts=("discord.com", "discordapp.com", "ptb.discord.com"),
        app_ids=("com.discord",),
        signals_source=f"discord.com/app (Discord in a browser); {PLAY}",
    ),
    arrival_source(
        "signal",
        "Signal",
        private=True,
        app_ids=("org.thoughtcrime.securesms",),
        signals_source=PLAY,
    ),
    arrival_source(
        "viber",
        "Viber",
        private=True,
        app_ids=("com.viber.voip",),
        signals_source=PLAY,
    ),
    arrival_source(
        "line",
        "LINE",
        private=True,
        app_ids=("jp.naver.line.android",),
        agents=("Line/",),  # "… Safari Line/13.20.0"
        signals_source=f"{PLAY}; {UA_LISTS}",
    ),
    arrival_source(
        "wechat",
        "WeChat",
        private=True,
        app_ids=("com.tencent.mm",),
        agents=("MicroMessenger/",),
        signals_source=f"{PLAY}; https://developers.weixin.qq.com (MicroMessenger UA); {UA_LISTS}",
    ),
    # ... public feeds (visible social) ...
    arrival_source(
        "instagram",
        "Instagram",
        referrer_hosts=("instagram.com",),
        app_ids=("com.instagram.android",),
        agents=("Instagram ",),  # "… Instagram 302.0.0.23.114 (iPhone14,5; …)"
        signals_source=f"l.instagram.com is Instagram's link shim; {PLAY}; {UA_LISTS}",
    ),
    arrival_source(
        "tiktok",
        "TikTok",
        referrer_hosts=("tiktok.com",),
        app_ids=("com.zhiliaoapp.musically", "com.ss.android.ugc.trill"),
        # iOS: "… musical_ly_32.5.0 …"; Android: "… trill_… BytedanceWebview/…"
        agents=("musical_ly", "BytedanceWebview", "TikTok "),
        signals_source=f"{PLAY}; {UA_LISTS}",
    ),
    arrival_source(
        "pinterest",
        "Pinterest",
        referrer_hosts=("pinterest.com", "pin.it"),
        brands=("pinterest",),
        app_ids=("com.pinterest",),
        agents=("Pinterest/",),  # "[Pinterest/iOS]", "Pinterest/Android"
        signals_source=f"pin.it is Pinterest's link shortener; {PLAY}; {UA_LISTS}",
    ),
    arrival_source(
        "snapchat",
        "Snapchat",
        referrer_hosts=("snapchat.com",),
        app_ids=("com.snapchat.android",),
        agents=("Snapchat",),  # "… Snapchat/12.62.0.35 (like Safari/…)"
        signals_source=f"{PLAY}; {UA_LISTS}",
    ),
    arrival_source(
        "youtube",
        "YouTube",
        referrer_hosts=("youtube.com", "youtu.be"),
        app_ids=("com.google.android.youtube",),
        signals_source=PLAY,
    ),
    arrival_source(
        "tumblr",
        "Tumblr",
        referrer_hosts=("tumblr.com",),
        app_ids=("com.tumblr",),
        signals_source=PLAY,
    ),
    arrival_source("hackernews", "Hacker News", referrer_hosts=("news.ycombinator.com",)),
    arrival_source("quora", "Quora", referrer_hosts=("quora.com",)),
    arrival_source("vk", "VK", referrer_hosts=("vk.com",), app_ids=("com.vkontakte.android",)),
    arrival_source("weibo", "Weibo", referrer_hosts=("weibo.com", "weibo.cn")),
    arrival_source("xing", "XING", referrer_hosts=("xing.com",)),
    # ... and search engines.
    arrival_source(
        "google",
        "Google",
        search=True,
        brands=("google",),
        app_ids=("com.google.android.googlequicksearchbox",),
        # The Google app (iOS and Android) says GSA/<version>; with no referrer the
        # arrival is its Discover feed.
        agents=("GSA/",),
        signals_source=(
            "google.<country> search pages; the Google app's package and GSA/ token "
            f"(Discover): {PLAY}; {UA_LISTS}"
        ),
    ),
    arrival_source("bing", "Bing", search=True, referrer_hosts=("bing.com",)),
    arrival_source(
        "yahoo",
        "Yahoo",
        search=True,
        referrer_hosts=("search.yahoo.com", "search.yahoo.co.jp"),
    ),
    arrival_source("yandex", "Yandex", search=True, referrer_hosts=("ya.ru",), brands=("yandex",)),
    arrival_source("duckduckgo", "DuckDuckGo", search=True, referrer_hosts=("duckduckgo.com",)),
    arrival_source("ecosia", "Ecosia", search=True, referrer_hosts=("ecosia.org",)),
    arrival_source("qwant", "Qwant", search=True, referrer_hosts=("qwant.com",)),
    arrival_source("startpage", "Startpage", search=True, referrer_hosts=("startpage.com",)),
    arrival_source("brave", "Brave Search", search=True, referrer_hosts=("search.brave.com",)),
    arrival_source("baidu", "Baidu", search=True, referrer_hosts=("baidu.com",)),
)

BY_NAME = {channel.name: channel for channel in REGISTRY}
#: Every channel name: the vocabulary of shares, tagged links and arrivals.
NAMES = tuple(BY_NAME)
#: Names that may be share buttons and share events (no arrival-only source).
SHARE_NAMES = tuple(channel.name for channel in REGISTRY if channel.shareable)
#: The default bar, in order (``CHANNELS``).
DEFAULT_NAMES = tuple(
    channel.name for channel in REGISTRY if channel.shareable and channel.default
)
PRIVATE = frozenset(channel.name for channel in REGISTRY if channel.private)


def _unique(pairs, what):
    found = {}
    for key, channel in pairs:
        if found.setdefault(key, channel) is not channel:
            raise ValueError(f"{what} {key!r} is in two registry entries")
    return found


_HOSTS = _unique(((h, c) for c in REGISTRY for h in c.referrer_hosts), "host")
_APPS = _unique(((a.lower(), c) for c in REGISTRY for a in c.app_ids), "app")
_BRANDS = _unique(((b, c) for c in REGISTRY for b in c.brands), "brand")


def by_host(host):
    """The channel of a lower-case host name, its nearest parent domain, or its brand.

    The most specific name wins: ``mail.google.com`` is e-mail, ``www.google.fr`` is
    Google (a brand: ``<brand>.<1-2 labels of 2-3 letters>``, alone or after ``www.``),
    ``docs.google.com`` is none.
    """
    labels = host.split(".")
    for index in range(len(labels)):
        channel = _HOSTS.get(".".join(labels[index:]))
        if channel:
            return channel
    return _by_brand(labels)


def _by_brand(labels):
    start = 1 if labels[0] == "www" else 0
    if len(labels) - start not in (2, 3):
        return None
    channel = _BRANDS.get(labels[start])
    suffix = labels[start + 1 :]
    if channel and all(2 <= len(part) <= 3 for part in suffix):
        return channel
    return None


def by_app(app_id):
    """The channel of an Android app id (``com.whatsapp``, any case), if any."""
    return _APPS.get(app_id.lower())


def by_referrer(referrer):
    """The channel of a lower-case referrer: a host, or ``android-app://<package>``."""
    if referrer.startswith(ANDROID_APP):
        return by_app(referrer[len(ANDROID_APP) :])
    return by_host(referrer)
