"""Reading and decoding the request body: size, media type, UTF-8 and JSON, nothing more."""

import json
import re

from django.utils.http import parse_header_parameters
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError, UnsupportedMediaType

MEDIA_TYPES = frozenset({"text/plain", "application/json"})
CHARSETS = frozenset({"utf-8", "utf8"})
# An array of objects of scalars: anything nested deeper is not an event.
MAX_DEPTH = 2

# A string literal, its closing quote optional: an unclosed string then ends the text
# instead of making the search restart at every later quote (quadratic on a hostile
# body); possessive quantifiers never backtrack. json.loads rejects such bodies anyway.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "payload_too_large"


def check_media_type(request):
    """Only ``text/plain`` (what ``sendBeacon`` sends) and ``application/json``, in UTF-8."""
    media_type, params = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    charset = params.get("charset", "utf-8").strip().lower()
    if media_type not in MEDIA_TYPES or charset not in CHARSETS:
        raise UnsupportedMediaType(media_type or "none")


def _too_large(limit):
    return PayloadTooLarge(
        _("The request body is larger than %(limit)d bytes.") % {"limit": limit}
    )


def check_declared_length(request, limit):
    """413 as soon as ``Content-Length`` says the body is over ``limit``."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise _too_large(limit)


def read_body(request, limit):
    """Read at most ``limit`` + 1 bytes; 413 when there are more than ``limit``."""
    chunks, size = [], 0
    while size <= limit:
        chunk = request.read(limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise _too_large(limit)
    return b"".join(chunks)


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _unique_keys(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key[:40]!r}")
        result[key] = value
    return result


def nesting_depth(text):
    """How deeply brackets nest outside string literals (a cheap pre-check)."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def decode(body):
    """UTF-8 JSON with no duplicate keys, no NaN/Infinity, nested at most two deep."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(_("The request body is not valid UTF-8.")) from None
    if not text.strip():
        raise ParseError(_("The request body is empty."))
    if nesting_depth(text) > MAX_DEPTH:
        raise ParseError(
            _("The request body nests too deeply: send an event or an array of events.")
        )
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise ParseError(
            _("The request body is not valid JSON: %(error)s") % {"error": error}
        ) from None
