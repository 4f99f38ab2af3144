"""Sort an arrival into tagged, dark, social, search or referral traffic.

The browser reports only the referrer's host name, the share token and the
``utm_source``/``utm_campaign`` it landed with; everything else is decided here.
The referrer host is used for the decision and then thrown away.
"""

from .. import channels
from ..models import ArrivalClass

# Public feeds that are not share channels (a channel's hosts are in its registry entry).
# Matched on the host or any parent domain: "l.instagram.com" is "instagram.com".
SOCIAL_DOMAINS = frozenset(
    {
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
    }
)
SEARCH_DOMAINS = frozenset(
    {
        "bing.com",
        "duckduckgo.com",
        "ecosia.org",
        "qwant.com",
        "baidu.com",
        "startpage.com",
        "search.brave.com",
        "ya.ru",
        "com.google.android.googlequicksearchbox",
    }
)
# Search engines with a domain per country (google.de, google.co.uk, yandex.ru ...).
SEARCH_BRANDS = frozenset({"google", "yahoo", "yandex"})
# An Android app's referrer: its package name is matched like a host name.
ANDROID_APP = "android-app://"


def _parent_domains(host):
    labels = host.split(".")
    return (".".join(labels[i:]) for i in range(len(labels)))


def _in_domains(host, domains):
    return any(domain in domains for domain in _parent_domains(host))


def _is_branded_search(host):
    """``google.<tld>``, ``www.google.co.uk``, ``search.yahoo.com``, ``yandex.ru`` ...

    Other subdomains (``docs.google.com``, ``mail.yahoo.com``) are not search.
    """
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
    """``(arrival class, channel)`` for a non-empty, lower-case referrer host.

    A channel's hosts and apps (registry) make it ``dark`` when the channel is private,
    ``social`` when public; then other social networks, search engines, and the rest.
    An Android app reports itself as ``android-app://<package>``.
    """
    host = host.rstrip(".")
    if host.startswith(ANDROID_APP):
        host = host.removeprefix(ANDROID_APP)
        channel = channels.by_app(host)
    else:
        channel = channels.by_host(host)
    if channel:
        return (ArrivalClass.DARK if channel.private else ArrivalClass.SOCIAL), channel.name
    if _in_domains(host, SOCIAL_DOMAINS):
        return ArrivalClass.SOCIAL, ""
    if _in_domains(host, SEARCH_DOMAINS) or _is_branded_search(host):
        return ArrivalClass.SEARCH, ""
    return ArrivalClass.REFERRAL, ""


def classify_arrival(*, referrer, token, source, campaign, own_hosts, is_home, site_campaign):
    """Return ``(arrival_class, channel)``, or ``None`` when it is not an arrival we count.

    - ``tagged``: a share token, or a known channel as ``utm_source`` with the site's
      campaign (``site_campaign`` is a callable, only asked when needed); the channel is
      the ``utm_source`` when it names one.
    - ``None``: the referrer is one of the site's own hosts (internal navigation), or
      there is no referrer on the home page (direct traffic).
    - by referrer host (``referrer_kind``): ``dark`` or ``social`` with a channel,
      ``social``, ``search`` or ``referral``.
    - ``dark``: no referrer on any page but the home page.
    """
    source = source.casefold()
    channel = source if source in channels.BY_NAME else ""
    if token or (channel and campaign and campaign.casefold() == site_campaign().casefold()):
        return ArrivalClass.TAGGED, channel
    if referrer:
        if referrer.rstrip(".") in own_hosts:
            return None
        return referrer_kind(referrer)
    if is_home:
        return None
    return ArrivalClass.DARK, ""
