"""Sort an arrival into tagged, dark, social, search or referral traffic.

The browser reports the referrer's host (``android-app://<package>`` for an Android
app), the share token and the ``utm_source``/``utm_campaign`` it landed with; the
beacon request brings its user agent. Every signal is a channel registry entry's
(``channels.py``); the order is docs/tracking.md's rules table. The referrer host and
the user agent are used for the decision and then thrown away.
"""

from .. import channels
from ..models import ArrivalClass
from . import agents

#: Classes decided by a channel's signals, strongest first (steps 3, 4 and 5).
_STEPS = (ArrivalClass.DARK, ArrivalClass.SOCIAL, ArrivalClass.SEARCH)


def referrer_kind(host, agent=None):
    """``(arrival class, channel)`` for a non-empty, lower-case referrer.

    A private channel's referrer or in-app browser (``agent``, a registry entry) makes
    it ``dark``; then a public feed's referrer or in-app browser ``social``; then a
    search engine's referrer ``search``; anything else is a ``referral``.
    """
    entry = channels.by_referrer(host.rstrip("."))
    for step in _STEPS:
        if entry and entry.arrival_class == step:
            return step, entry.name
        if agent and agent.arrival_class == step and step != ArrivalClass.SEARCH:
            # The Google app's user agent counts only without a referrer (Discover).
            return step, agent.name
    return ArrivalClass.REFERRAL, ""


def classify_arrival(
    *, referrer, token, source, campaign, own_hosts, is_home, site_campaign, agent=None
):
    """Return ``(arrival_class, channel)``, or ``None`` when it is not an arrival we count.

    ``agent`` is the registry entry the request's user agent names (``agents.match``),
    if any; crawlers never get here (``filters``).

    - ``tagged``: a share token, or a known channel as ``utm_source`` with the site's
      campaign (``site_campaign`` is a callable, only asked when needed); the channel is
      the ``utm_source`` when it names one. It beats every signal below.
    - ``None``: the referrer is one of the site's own hosts (internal navigation), or
      there is no referrer on the home page (direct traffic).
    - with a referrer, ``referrer_kind``: ``dark``, ``social`` or ``search`` with a
      channel, else ``referral``.
    - without one: the in-app browser's channel (``dark``, ``social``, or ``search``
      for the Google app's Discover feed), else ``dark`` (probable dark social).
    """
    source = source.casefold()
    channel = source if source in channels.BY_NAME else ""
    if token or (channel and campaign and campaign.casefold() == site_campaign().casefold()):
        return ArrivalClass.TAGGED, channel
    if referrer:
        if referrer.rstrip(".") in own_hosts:
            return None
        return referrer_kind(referrer, agent)
    if is_home:
        return None
    if agent:
        return agent.arrival_class, agent.name
    return ArrivalClass.DARK, ""


def books_as_direct(*, referrer, token, source):
    """Whether a standard analytics tool would call the arrival "Direct": no referrer,
    no share token, no ``utm_source``."""
    return not (referrer or token or source)


def classify_with_agent(user_agent, **arrival):
    """``classify_arrival`` after matching ``user_agent`` (for one-off callers, the bench)."""
    return classify_arrival(agent=agents.match(user_agent), **arrival)
