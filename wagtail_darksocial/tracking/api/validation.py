"""Strict validation of decoded events against the wire format (see docs/tracking.md).

Closed sets for every choice, real integers for page ids, fixed patterns for tokens and
host names, and no unknown fields. The first problem found is reported with the
event's index and the field's name.

What a real browser legitimately sends is normalised rather than refused, so that no
arrival is lost: referrer hosts of any case, with underscores, IPv6 literals
(``[2001:db8::1]``) or a port, ``android-app://`` referrers (kept with their scheme, in
lower case), and ``utm_source``/``utm_campaign`` longer than ``MAX_TEXT_LENGTH``
(truncated).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError

from .wire import EVENTS, HOST_RE, MAX_PAGE_ID, MAX_TEXT_LENGTH, TOKEN_RE


@dataclass(frozen=True, slots=True)
class IncomingEvent:
    """One valid event as the browser sent it; arrivals are not classified yet."""

    index: int
    type: str
    page: int
    channel: str = ""
    token: str = ""
    parent: str = ""
    kind: str = ""
    bucket: str = ""
    referrer: str = ""
    source: str = ""
    campaign: str = ""


class InvalidEvent(ParseError):
    """A 400 whose ``detail`` names the event and the field."""

    def __init__(self, index, field, problem):
        where = _("Event %(index)d") % {"index": index}
        if field:
            where += ", " + _("field %(field)s") % {"field": _quote(field)}
        super().__init__(f"{where}: {problem}")


def _quote(name):
    name = str(name)
    return repr(name if len(name) <= 40 else name[:40] + "…")


def _page(value):
    if type(value) is not int:
        return _("must be an integer page id.")
    if not 1 <= value <= MAX_PAGE_ID:
        return _("must be a page id between 1 and %(max)d.") % {"max": MAX_PAGE_ID}
    return None


def _one_of(choices):
    choices = tuple(choices)

    def check(value):
        if type(value) is not str or value not in choices:
            return _("must be one of %(choices)s.") % {"choices": ", ".join(choices)}
        return None

    return check


def _token(value):
    if type(value) is not str or not TOKEN_RE.fullmatch(value):
        return _("must be a share token: 10 characters from A-Z, a-z, 0-9, _ and -.")
    return None


def _host(value):
    if type(value) is not str or (value and not HOST_RE.fullmatch(value)):
        return _(
            "must be a bare host name as the browser reports it (no scheme, space, "
            "path, query or user name) or an IPv6 address in brackets, an android-app:// "
            "referrer, or an empty string."
        )
    return None


def normalise_referrer(value):
    """``Example.COM:443`` -> ``example.com``; ``android-app://com.Slack/`` ->
    ``android-app://com.slack``; ``[2001:DB8::1]:8080`` -> ``[2001:db8::1]``."""
    if not value:
        return ""
    found = HOST_RE.fullmatch(value)
    return (found["host"] or found["app"]).lower()


def _text(value):
    if type(value) is not str:
        return _("must be a string.")
    return None


def truncate_text(value):
    return value[:MAX_TEXT_LENGTH]


# Applied to valid values: what is kept of them.
NORMALISE = {"referrer": normalise_referrer, "source": truncate_text, "campaign": truncate_text}


CHECKS = {"page": _page, "token": _token, "host": _host, "text": _text}


def _check(field):
    return _one_of(field.choices) if field.kind == "choice" else CHECKS[field.kind]


# type -> {field: (required, check)}, from the wire format; "type" itself is checked first.
FIELDS = {
    event_type: {name: (field.required, _check(field)) for name, field in fields.items()}
    for event_type, fields in EVENTS.items()
}
TYPES = tuple(str(event_type) for event_type in FIELDS)


def validate_event(index, event):
    if not isinstance(event, dict):
        raise InvalidEvent(index, None, _("must be a JSON object."))
    event_type = event.get("type")
    if type(event_type) is not str or event_type not in FIELDS:
        raise InvalidEvent(index, "type", _one_of(TYPES)(None))
    fields = FIELDS[event_type]
    unknown = sorted(str(name) for name in event if name != "type" and name not in fields)
    if unknown:
        raise InvalidEvent(
            index, unknown[0], _("is not a field of a %(type)s event.") % {"type": event_type}
        )
    for name, (required, check) in fields.items():
        if name not in event:
            if required:
                raise InvalidEvent(index, name, _("is required."))
            continue
        problem = check(event[name])
        if problem:
            raise InvalidEvent(index, name, problem)
    event = {
        name: NORMALISE[name](value) if name in NORMALISE else value
        for name, value in event.items()
    }
    return IncomingEvent(index=index, **event)


def validate_payload(payload, max_batch):
    """One event object or an array of 1..``max_batch`` of them -> ``IncomingEvent`` list."""
    if isinstance(payload, dict):
        payload = [payload]
    elif not isinstance(payload, list):
        raise ParseError(_("Send an event object or an array of event objects."))
    if not payload:
        raise ParseError(_("The array of events is empty."))
    if len(payload) > max_batch:
        raise ParseError(
            _("Too many events: %(count)d in one request, at most %(max)d allowed.")
            % {"count": len(payload), "max": max_batch}
        )
    return [validate_event(index, event) for index, event in enumerate(payload)]
