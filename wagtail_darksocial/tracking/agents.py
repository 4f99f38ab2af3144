"""Which channel's in-app browser a user agent names, with one precompiled matcher.

The tokens are the registry's ``agents`` (``FBAN/Messenger``, ``Instagram ``, ``GSA/``
…), folded into one prefix-tree regex (``filters.trie_pattern``): a single pass over
the user agent, whatever the number of tokens, instead of a regex per family, from
the engine's "(KHTML, like Gecko)" on when there is one (apps append their token
after it), and never past the bot cutoff (``MAX_USER_AGENT_LENGTH``). When
several tokens are found (Messenger's ``FBAN/Messenger`` and Meta's ``FBAV/``), the
private channel wins over the public feed, and the feed over search; within a kind,
the registry's order. The user agent is read here and never stored.
"""

import re

from .. import channels
from .filters import MAX_USER_AGENT_LENGTH, trie_pattern

ENGINE = "like Gecko)"
_RANK = {channels.DARK: 0, channels.SOCIAL: 1, channels.SEARCH: 2}


class AgentMatcher:
    """``match(user_agent)``: the registry entry whose in-app browser it is, or ``None``."""

    def __init__(self, registry=channels.REGISTRY):
        self.tokens = {}
        for entry in registry:
            for token in entry.agents:
                if self.tokens.setdefault(token, entry) is not entry:
                    raise ValueError(f"agent token {token!r} is in two registry entries")
        for token in self.tokens:
            # The prefix tree stops at the shortest token: a token that begins another
            # would hide it.
            longer = [other for other in self.tokens if other != token and other.startswith(token)]
            if longer:
                raise ValueError(f"agent token {token!r} begins {longer[0]!r}")
        self.pattern = re.compile(trie_pattern(sorted(self.tokens)))
        order = {entry.name: index for index, entry in enumerate(registry)}
        self.rank = {
            token: (_RANK[entry.arrival_class], order[entry.name])
            for token, entry in self.tokens.items()
        }

    def match(self, user_agent):
        # Apps append their token to the browser's user agent, after the engine's
        # "(KHTML, like Gecko)": the scan starts there when it is found.
        start = max(user_agent.find(ENGINE, 0, MAX_USER_AGENT_LENGTH), 0)
        found = self.pattern.search(user_agent, start, MAX_USER_AGENT_LENGTH)
        if found is None:
            return None  # most arrivals: one pass, no token
        best = found.group()
        for more in self.pattern.finditer(user_agent, found.end(), MAX_USER_AGENT_LENGTH):
            token = more.group()
            if self.rank[token] < self.rank[best]:
                best = token
        return self.tokens[best]


_matcher = AgentMatcher()
match = _matcher.match
