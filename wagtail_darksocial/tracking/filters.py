"""Requests we drop without a word: privacy signals, other sites and crawlers.

The events endpoint answers these with the same empty 204 as an accepted request, so
a client cannot tell them apart. Nothing here stores or logs a header value.

Crawlers are recognised from crawlerdetect's lists, but not by crawlerdetect's own
matcher: its one big case-insensitive alternation costs O(length²) on some inputs
(``[a-z0-9\\-_]*(bot|...)`` restarts at every letter of a long word; ``Java.*outbrain``
rescans to the end after every ``Java``), and it holds the GIL while it runs. Here a
user agent longer than ``MAX_USER_AGENT_LENGTH`` is a bot without any regex, and the
lists are compiled so that the work is linear in the length:

* the exclusions (browser tokens like ``Safari/537.36``) are removed as crawlerdetect
  removes them (all of them are linear);
* the ~1,400 plain-text patterns are folded into one prefix tree (``bot|bing`` becomes
  ``b(?:ot|ing)``) matched case-sensitively on the lower-cased text, so each position
  costs a few character comparisons instead of one try per pattern;
* a leading ``[...]*`` is dropped (it cannot change whether a pattern is found), and a
  pattern ``A.*B`` is found as "the first ``A``, then ``B`` after it";
* patterns anchored with ``^`` are tried once, at the start;
* the other few patterns keep crawlerdetect's case-insensitive regex.
"""

import re
from urllib.parse import urlsplit

from crawlerdetect import CrawlerDetect
from crawlerdetect.providers.crawlers import data as CRAWLER_PATTERNS
from crawlerdetect.providers.exclusions import data as EXCLUSION_PATTERNS
from django.http.request import split_domain_port
from wagtail.models import Site

from ..conf import get_setting

# Real browsers send 100 to 400 characters; anything longer is a script, and cutting
# it here bounds the work of every check below.
MAX_USER_AGENT_LENGTH = 512

# Link-preview fetchers crawlerdetect does not know yet (pattern: source).
EXTRA_CRAWLERS = {
    "Cardyb": "Bluesky's link card fetcher, 'Bluesky Cardyb/1.1' (github.com/bluesky-social)",
}

_ESCAPED_LITERAL = re.compile(r"(?:[^\\\[\](){}.*+?^$|]|\\[./\- _:;!@#%&=,~])+")
_LEADING_STAR = re.compile(r"^\[[^\]]*\]\*")
_DOT_STAR = re.compile(r"^((?:[^\\\[\](){}.*+?^$|]|\\.)+)\.\*(.+)$")


def _unescape(pattern):
    return re.sub(r"\\(.)", r"\1", pattern)


def trie_pattern(words):
    """One regex matching any of ``words``, as a prefix tree of alternations."""
    tree = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node):
        if "" in node:
            return ""  # a word ends here: longer ones add nothing to "is any found"
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(tree)


class CrawlerMatcher:
    """crawlerdetect's verdict, in time linear in the user agent's length."""

    def __init__(
        self, crawlers=(*CRAWLER_PATTERNS, *EXTRA_CRAWLERS), exclusions=EXCLUSION_PATTERNS
    ):
        literals, anchored, others, split = set(), [], [], []
        for pattern in crawlers:
            pattern = _LEADING_STAR.sub("", pattern)
            dot_star = _DOT_STAR.match(pattern)
            if _ESCAPED_LITERAL.fullmatch(pattern) and _unescape(pattern).isascii():
                literals.add(_unescape(pattern).lower())
            elif dot_star and _ESCAPED_LITERAL.fullmatch(dot_star[1]):
                split.append((_unescape(dot_star[1]).lower(), re.compile(dot_star[2], re.I)))
            elif pattern.startswith("^") and "|" not in pattern:
                anchored.append(pattern[1:])
            else:
                others.append(pattern)
        self.literals = re.compile(trie_pattern(sorted(literals)))
        self.anchored = re.compile("|".join(f"(?:{p})" for p in anchored), re.I)
        self.others = re.compile("|".join(f"(?:{p})" for p in others), re.I)
        self.split = split
        self.exclusions = re.compile("|".join(f"(?:{p})" for p in exclusions), re.I)

    def is_crawler(self, user_agent):
        agent = self.exclusions.sub("", user_agent)
        if not agent:
            return False
        lowered = agent.lower()
        if (
            self.literals.search(lowered)
            or self.anchored.match(agent)
            or self.others.search(agent)
        ):
            return True
        for head, tail in self.split:
            start = lowered.find(head)
            if start != -1 and tail.search(agent, start + len(head)):
                return True
        return False


_matcher = CrawlerMatcher()
_crawlerdetect = None


def crawlerdetect_verdict(user_agent):
    """crawlerdetect's own answer, for tests and benchmarks (slow on long input)."""
    global _crawlerdetect  # noqa: PLW0603
    if _crawlerdetect is None:
        _crawlerdetect = CrawlerDetect()
    return _crawlerdetect.is_crawler(user_agent)


def is_bot_user_agent(user_agent):
    """No user agent, an over-long one, or one of crawlerdetect's crawlers."""
    user_agent = user_agent.strip()
    if not user_agent or len(user_agent) > MAX_USER_AGENT_LENGTH:
        return True
    return _matcher.is_crawler(user_agent)


def sends_privacy_signal(request):
    """Global Privacy Control (``Sec-GPC: 1``) or Do Not Track (``DNT: 1``)."""
    meta = request.META
    return meta.get("HTTP_SEC_GPC", "").strip() == "1" or meta.get("HTTP_DNT", "").strip() == "1"


def user_agent(request):
    return request.META.get("HTTP_USER_AGENT", "").strip()


def lacks_plausible_user_agent(request):
    """No user agent, or one longer than any browser's: decided without a regex."""
    agent = user_agent(request)
    return not agent or len(agent) > MAX_USER_AGENT_LENGTH


def is_crawler(request):
    """A user agent crawlerdetect knows (Googlebot, curl ...), over-long ones included."""
    return is_bot_user_agent(user_agent(request))


def request_hostname(request):
    """The request's host name, lower case and without the port."""
    return split_domain_port(request.get_host())[0].lower()


def site_hostnames():
    """Host names of every Wagtail site, from Wagtail's cached site root paths."""
    return {
        (urlsplit(root.root_url).hostname or "").lower() for root in Site.get_site_root_paths()
    }


def is_cross_site(request):
    """Whether the browser says the request comes from another origin.

    ``Sec-Fetch-Site`` must be ``same-origin`` when sent, and ``Origin``, when sent,
    must name the request's host or one of the Wagtail sites' host names.
    """
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site.strip().lower() != "same-origin":
        return True
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False
    try:
        host = (urlsplit(origin.strip()).hostname or "").lower()
    except ValueError:
        return True
    if not host:
        return True  # "null" and other opaque origins
    return host != request_hostname(request) and host not in site_hostnames()


def drop_reason(request):
    """``"privacy"``, ``"cross-site"`` or ``"bot"`` for requests dropped before the throttle.

    Only checks that cost next to nothing: header comparisons and the user agent's
    length. The crawler patterns run after the throttle (``is_crawler``), so a client
    can make them run at most ``THROTTLE_RATE`` times.
    """
    if get_setting("HONOUR_PRIVACY_SIGNALS") and sends_privacy_signal(request):
        return "privacy"
    if is_cross_site(request):
        return "cross-site"
    if lacks_plausible_user_agent(request):
        return "bot"
    return None
