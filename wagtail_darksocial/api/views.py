"""``POST /darksocial/events/``: where the front-end reports shares, copies and arrivals.

No authentication (so an editor's session cookie never brings CSRF checks), no cookie
set, nothing logged about the client. The order of checks: media type (415), declared
size (413), silent drops (privacy signal, other site, crawler: 204), throttle (429),
body size (413), JSON (400), each event (400), pages (400), then one INSERT.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ParseError, Throttled
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from ..conf import get_setting
from ..models import Event, EventType
from ..tracking import filters, throttle
from . import parsing
from .ingest import build_events
from .lookups import site_for_request
from .schema import EVENTS_SCHEMA
from .validation import validate_payload


def no_content():
    return HttpResponse(status=204, content_type=None)


@extend_schema(**EVENTS_SCHEMA)
class EventsView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    parser_classes = []  # the body is read and checked by ``parsing``
    renderer_classes = [JSONRenderer]
    schema = AutoSchema()

    def post(self, request):
        if not get_setting("TRACKING"):
            return no_content()
        parsing.check_media_type(request)
        limit = get_setting("MAX_BODY_BYTES")
        parsing.check_declared_length(request, limit)
        if filters.drop_reason(request):
            return no_content()
        verdict = throttle.hit(request)
        if not verdict.allowed:
            raise Throttled(wait=verdict.retry_after)
        payload = parsing.decode(parsing.read_body(request, limit))
        incoming = validate_payload(payload, get_setting("MAX_BATCH"))
        site_info = site_for_request(request)
        if site_info is None:
            raise ParseError(_("No Wagtail site serves this host name."))
        rows = build_events(request, site_info, incoming)
        if len(rows) == 1 and rows[0].event_type != EventType.SHARE:
            rows[0].save(force_insert=True)  # one INSERT: no BEGIN/COMMIT round trips
        elif rows:
            # A replayed share token (unique per site) is skipped, not an error: the
            # batch's other events are stored and the request still gets its 204.
            Event.objects.bulk_create(rows, ignore_conflicts=True)
        return no_content()
