"""The events endpoint's OpenAPI description, served by drf-spectacular.

``drf_spectacular`` need not be in ``INSTALLED_APPS``: the view below carries its own
schema class and settings, and describes only this plugin's endpoints.
"""

from django.urls import get_script_prefix, path, resolve, reverse
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from ... import channels
from ...conf import get_setting
from ...models import CopyKind, LengthBucket
from .validation import MAX_PAGE_ID, MAX_TEXT_LENGTH

TOKEN = {"type": "string", "pattern": "^[A-Za-z0-9_-]{10}$", "minLength": 10, "maxLength": 10}
PAGE = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_ID, "description": "Page id."}
TEXT = {"type": "string"}


def _event(name, required, **properties):
    return {
        "type": "object",
        "title": f"{name.title()}Event",
        "additionalProperties": False,
        "required": ["type", "page", *required],
        "properties": {"type": {"type": "string", "enum": [name]}, "page": PAGE, **properties},
    }


SHARE = _event(
    "share",
    ["channel", "token"],
    channel={"type": "string", "enum": list(channels.NAMES)},
    token={**TOKEN, "description": "The new share's token, as put in the shared link."},
    parent={**TOKEN, "description": "The token the reader arrived with, if any."},
)
COPY = _event(
    "copy",
    ["kind", "bucket"],
    kind={"type": "string", "enum": list(CopyKind.values)},
    bucket={
        "type": "string",
        "enum": list(LengthBucket.values),
        "description": "Words copied, bucketed. The copied text is never sent.",
    },
)
ARRIVAL = _event(
    "arrival",
    ["referrer"],
    referrer={
        "type": "string",
        "pattern": (
            r"^(([A-Za-z0-9._-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:[0-9]{1,5})?"
            r"|android-app://[A-Za-z0-9._]{1,253}/?)?$"
        ),
        "maxLength": 268,
        "description": (
            "The referrer's host name or [IPv6 address] only (a port is ignored), "
            "android-app://<package> for an Android app, or an empty string. "
            "Stored lower case."
        ),
    },
    token={**TOKEN, "description": "The share token in the landing URL."},
    source={
        **TEXT,
        "description": f"utm_source of the landing URL (first {MAX_TEXT_LENGTH} characters kept).",
    },
    campaign={
        **TEXT,
        "description": f"utm_campaign of the landing URL (first "
        f"{MAX_TEXT_LENGTH} characters kept).",
    },
)
EVENT = {"oneOf": [SHARE, COPY, ARRIVAL]}
BODY = {
    "oneOf": [
        EVENT,
        {"type": "array", "minItems": 1, "maxItems": 20, "items": EVENT},
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
    "POSTPROCESSING_HOOKS": ["wagtail_darksocial.tracking.api.schema.set_max_batch"],
}


def set_max_batch(result, **kwargs):
    """Put the configured ``MAX_BATCH`` into the schema's array bounds."""
    for item in result["paths"].values():
        for content in item.get("post", {}).get("requestBody", {}).get("content", {}).values():
            for choice in content["schema"].get("oneOf", []):
                if choice.get("type") == "array":
                    choice["maxItems"] = get_setting("MAX_BATCH")
    return result


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
        return super().get(request, *args, **kwargs)
