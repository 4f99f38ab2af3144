"""The events endpoint's wire format: the one definition behind validation and the schema.

``validation`` checks requests against ``EVENTS``, and ``schema`` publishes the same
``EVENTS`` as OpenAPI, so the two cannot disagree; ``tests/tracking/test_fuzz.py``
sends schema-valid requests and requires every one to be accepted.
"""

import re
from dataclasses import dataclass

from ... import channels
from ...models import CopyKind, EventType, LengthBucket

TOKEN_PATTERN = r"[A-Za-z0-9_-]{10}"  # noqa: S105  (a pattern, not a secret)
# What JavaScript's URL.host gives: a host name or an IPv6 literal, with an optional
# port, which is dropped; or an Android app's referrer, ``android-app://<package>``,
# which keeps its scheme (a port or path after it is dropped; a package may be missing or
# odd, as any app can name itself in the intent: it is an unknown app, a referral). Any
# case; stored lower case.
# Host names are taken as WHATWG URL parsing leaves them (it allows ``_``, ``!``, ``$``,
# ``~``, percent-escapes …): any printable ASCII but the URL's delimiters, so that no
# arrival is refused for an odd host.
# The scheme in any case, spelt out for JSON Schema (ECMA-262 has no scoped flags).
ANDROID_SCHEME = "".join(f"[{c.upper()}{c}]" if c.isalpha() else c for c in "android-app")
HOST_CHAR = r"(?:(?![/?#@:\[\]\\\"<>])[!-~])"
HOST_PATTERN = (
    rf"(?P<host>{HOST_CHAR}{{1,253}}|\[[0-9A-Fa-f:.]{{2,45}}\])(?::[0-9]{{1,5}})?"
    rf"|(?P<app>{ANDROID_SCHEME}://{HOST_CHAR}{{0,253}})(?::[0-9]{{1,5}})?(?:/[!-~]{{0,200}})?"
)
# The longest referrer HOST_PATTERN allows: an app id, a port and the path some apps add.
MAX_HOST_LENGTH = len("android-app://") + 253 + 6 + 1 + 200
MAX_PAGE_ID = 2**31 - 1
MAX_TEXT_LENGTH = 100  # longer utm_source/utm_campaign values are cut, not refused

TOKEN_RE = re.compile(TOKEN_PATTERN)
HOST_RE = re.compile(HOST_PATTERN, re.ASCII)


def ecma_pattern(pattern, *, or_empty=False):
    """``pattern`` for JSON Schema (ECMA-262): anchored, without Python's group names."""
    return "^(" + re.sub(r"\(\?P<\w+>", "(", pattern) + (")?$" if or_empty else ")$")


@dataclass(frozen=True)
class Field:
    """One field of an event: its kind (``page``, ``choice``, ``token``, ``host`` or
    ``text``), whether it is required, its choices and what it means."""

    kind: str
    required: bool = False
    choices: tuple = ()
    description: str = ""


PAGE = Field("page", required=True, description="Page id.")

#: event type -> {field name: Field}; every event also has ``type``.
EVENTS = {
    EventType.SHARE.value: {
        "page": PAGE,
        "channel": Field("choice", required=True, choices=channels.SHARE_NAMES),
        "token": Field(
            "token", required=True, description="The new share's token, as put in the link."
        ),
        "parent": Field("token", description="The token the reader arrived with, if any."),
    },
    EventType.COPY.value: {
        "page": PAGE,
        "kind": Field("choice", required=True, choices=tuple(CopyKind.values)),
        "bucket": Field(
            "choice",
            required=True,
            choices=tuple(LengthBucket.values),
            description="Words copied, bucketed. The copied text is never sent.",
        ),
    },
    EventType.ARRIVAL.value: {
        "page": PAGE,
        "referrer": Field(
            "host",
            required=True,
            description=(
                "The referrer's host name or [IPv6 address] only (a port is ignored), "
                "android-app://<package> for an Android app, or an empty string. "
                "Stored lower case."
            ),
        ),
        "token": Field("token", description="The share token in the landing URL."),
        "source": Field(
            "text",
            description=(
                f"utm_source of the landing URL (first {MAX_TEXT_LENGTH} characters kept)."
            ),
        ),
        "campaign": Field(
            "text",
            description=(
                f"utm_campaign of the landing URL (first {MAX_TEXT_LENGTH} characters kept)."
            ),
        ),
    },
}
