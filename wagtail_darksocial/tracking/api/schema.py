"""The events endpoint's OpenAPI description, served by drf-spectacular.

``drf_spectacular`` need not be in ``INSTALLED_APPS``: the view below carries its own
schema class and settings, and describes only this plugin's endpoints.
"""

import threading

from django.urls import get_script_prefix, path, resolve, reverse
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from ...conf import DEFAULTS, get_setting
from .wire import (
    EVENTS,
    HOST_PATTERN,
    MAX_HOST_LENGTH,
    MAX_PAGE_ID,
    TOKEN_PATTERN,
    ecma_pattern,
)

TOKEN = {
    "type": "string",
    "pattern": ecma_pattern(TOKEN_PATTERN),
    "minLength": 10,
    "maxLength": 10,
}
PROPERTIES = {
    "page": lambda field: {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_ID},
    "choice": lambda field: {"type": "string", "enum": list(field.choices)},
    "token": lambda field: TOKEN,
    "host": lambda field: {
        "type": "string",
        "pattern": ecma_pattern(HOST_PATTERN, or_empty=True),
        "maxLength": MAX_HOST_LENGTH,
    },
    "text": lambda field: {"type": "string"},
}


def _property(field):
    described = {"description": field.description} if field.description else {}
    return {**PROPERTIES[field.kind](field), **described}


def _event(name, fields):
    return {
        "type": "object",
        "title": f"{name.title()}Event",
        "additionalProperties": False,
        "required": ["type", *(key for key, field in fields.items() if field.required)],
        "properties": {
            "type": {"type": "string", "enum": [name]},
            **{key: _property(field) for key, field in fields.items()},
        },
    }


EVENT = {"oneOf": [_event(name, fields) for name, fields in EVENTS.items()]}
BODY = {
    "oneOf": [
        EVENT,
        {"type": "array", "minItems": 1, "maxItems": DEFAULTS["MAX_BATCH"], "items": EVENT},
    ],
    "description": "One event, or an array of at most MAX_BATCH (default 20) events.",
}
ERROR = {
    "type": "object",
    "required": ["detail"],
    "properties": {"detail": {"type": "string"}},
}

EVENTS_SCHEMA = {
    "operation_id": "darksocial_events",
    "summary": "Record share, copy and arrival events",
    "description": (
        "Accepts one event or a batch. 204 means accepted or silently dropped (crawler, "
        "Global Privacy Control or Do Not Track, another site's origin, internal "
        "navigation; per event: a page that is unknown, a draft, restricted or another "
        "site's, or the client's daily budget spent). A 400 stores nothing of the request."
    ),
    "tags": ["darksocial"],
    "auth": [],
    "request": {"application/json": BODY, "text/plain": BODY},
    "responses": {
        204: OpenApiResponse(description="Accepted, or silently dropped."),
        400: OpenApiResponse(ERROR, description="An invalid event; nothing stored."),
        413: OpenApiResponse(ERROR, description="Body larger than MAX_BODY_BYTES."),
        415: OpenApiResponse(ERROR, description="Not text/plain or application/json."),
        429: OpenApiResponse(ERROR, description="Too many requests from this client."),
    },
    "examples": [
        OpenApiExample(
            "Share",
            value={"type": "share", "page": 3, "channel": "whatsapp", "token": "Ab3dE6gH9_"},
            request_only=True,
        ),
        OpenApiExample(
            "Batch",
            value=[
                {"type": "copy", "page": 3, "kind": "quote", "bucket": "11-50"},
                {"type": "arrival", "page": 3, "referrer": "", "token": "Ab3dE6gH9_"},
            ],
            request_only=True,
        ),
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "wagtail-darksocial",
    "DESCRIPTION": "Share, copy and arrival events of wagtail-darksocial.",
    "VERSION": "1",
    "DISABLE_ERRORS_AND_WARNINGS": True,
    "POSTPROCESSING_HOOKS": ["wagtail_darksocial.tracking.api.schema.complete_schema"],
}


def complete_schema(result, **kwargs):
    """Say the body is required, and put the configured ``MAX_BATCH`` into its arrays."""
    for item in result["paths"].values():
        body = item.get("post", {}).get("requestBody")
        if not body:
            continue
        body["required"] = True
        for content in body.get("content", {}).values():
            for choice in content["schema"].get("oneOf", []):
                if choice.get("type") == "array":
                    choice["maxItems"] = get_setting("MAX_BATCH")
    return result


# drf-spectacular loads its extensions lazily, and the first load is not thread-safe:
# two threads of a fresh process (gunicorn gthread) can see a half-loaded extension and
# answer 500. Schema requests are rare, so they take turns.
_GENERATING = threading.Lock()


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema of the events endpoint (YAML, or JSON with ``?format=json``)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    custom_settings = SPECTACULAR_SETTINGS

    def get(self, request, *args, **kwargs):
        from .views import EventsView

        url = reverse("wagtail_darksocial:events")
        route = resolve("/" + url.removeprefix(get_script_prefix())).route
        self.patterns = [path(route, EventsView.as_view())]
        with _GENERATING:
            return super().get(request, *args, **kwargs)
