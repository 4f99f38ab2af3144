"""The arrival classifier as it was before the user agent counted (main at 16b3638).

Kept only as the baseline of ``bench_attribution.py``: referrer host and tags, with the
old registry's hosts and apps and the old ``SOCIAL_DOMAINS``/``SEARCH_DOMAINS`` sets.
"""

OLD_HOSTS = {
    "whatsapp.com": ("dark", "whatsapp"),
    "wa.me": ("dark", "whatsapp"),
    "telegram.org": ("dark", "telegram"),
    "t.me": ("dark", "telegram"),
    "messenger.com": ("dark", "messenger"),
    "m.me": ("dark", "messenger"),
    "linkedin.com": ("social", "linkedin"),
    "lnkd.in": ("social", "linkedin"),
    "x.com": ("social", "x"),
    "twitter.com": ("social", "x"),
    "t.co": ("social", "x"),
    "facebook.com": ("social", "facebook"),
    "fb.com": ("social", "facebook"),
    "fb.me": ("social", "facebook"),
    "bsky.app": ("social", "bluesky"),
    "reddit.com": ("social", "reddit"),
    "redd.it": ("social", "reddit"),
}
OLD_APPS = {
    "com.whatsapp": ("dark", "whatsapp"),
    "com.whatsapp.w4b": ("dark", "whatsapp"),
    "org.telegram.messenger": ("dark", "telegram"),
    "org.thunderdog.challegram": ("dark", "telegram"),
    "com.facebook.orca": ("dark", "messenger"),
    "com.google.android.gm": ("dark", "email"),
    "com.microsoft.office.outlook": ("dark", "email"),
    "com.google.android.apps.messaging": ("dark", "sms"),
    "com.samsung.android.messaging": ("dark", "sms"),
    "com.linkedin.android": ("social", "linkedin"),
    "com.twitter.android": ("social", "x"),
    "com.facebook.katana": ("social", "facebook"),
    "com.facebook.lite": ("social", "facebook"),
    "xyz.blueskyweb.app": ("social", "bluesky"),
    "com.reddit.frontpage": ("social", "reddit"),
}
OLD_NAMES = frozenset(
    [
        "whatsapp",
        "telegram",
        "messenger",
        "email",
        "sms",
        "linkedin",
        "x",
        "facebook",
        "bluesky",
        "reddit",
        "native",
        "copy",
    ]
)
SOCIAL_DOMAINS = frozenset(
    [
        "instagram.com",
        "pinterest.com",
        "youtube.com",
        "youtu.be",
        "tiktok.com",
        "threads.net",
        "threads.com",
        "news.ycombinator.com",
        "mastodon.social",
        "mastodon.online",
        "tumblr.com",
        "quora.com",
        "vk.com",
        "weibo.com",
        "xing.com",
        "snapchat.com",
        "discord.com",
    ]
)
SEARCH_DOMAINS = frozenset(
    [
        "bing.com",
        "duckduckgo.com",
        "ecosia.org",
        "qwant.com",
        "baidu.com",
        "startpage.com",
        "search.brave.com",
        "ya.ru",
        "com.google.android.googlequicksearchbox",
    ]
)
SEARCH_BRANDS = frozenset({"google", "yahoo", "yandex"})
ANDROID_APP = "android-app://"


def _by_host(host):
    labels = host.split(".")
    for index in range(len(labels)):
        kind = OLD_HOSTS.get(".".join(labels[index:]))
        if kind:
            return kind
    return None


def _parent_domains(host):
    labels = host.split(".")
    return (".".join(labels[i:]) for i in range(len(labels)))


def _in_domains(host, domains):
    return any(domain in domains for domain in _parent_domains(host))


def _is_branded_search(host):
    labels = host.split(".")
    for index, label in enumerate(labels):
        if label not in SEARCH_BRANDS:
            continue
        prefix, suffix = labels[:index], labels[index + 1 :]
        if not 1 <= len(suffix) <= 2 or any(not 2 <= len(part) <= 3 for part in suffix):
            continue
        if not prefix or prefix == ["www"] or (label == "yahoo" and prefix[-1] == "search"):
            return True
    return False


def referrer_kind(host):
    host = host.rstrip(".")
    if host.startswith(ANDROID_APP):
        host = host.removeprefix(ANDROID_APP)
        kind = OLD_APPS.get(host)
    else:
        kind = _by_host(host)
    if kind:
        return kind
    if _in_domains(host, SOCIAL_DOMAINS):
        return "social", ""
    if _in_domains(host, SEARCH_DOMAINS) or _is_branded_search(host):
        return "search", ""
    return "referral", ""


def classify_arrival(*, referrer, token, source, campaign, own_hosts, is_home, site_campaign):
    source = source.casefold()
    channel = source if source in OLD_NAMES else ""
    if token or (channel and campaign and campaign.casefold() == site_campaign().casefold()):
        return "tagged", channel
    if referrer:
        if referrer.rstrip(".") in own_hosts:
            return None
        return referrer_kind(referrer)
    if is_home:
        return None
    return "dark", ""
