"""``POST /darksocial/events/``: where the front-end reports shares, copies and arrivals.

No authentication (so an editor's session cookie never brings CSRF checks), no cookie
set, nothing logged about the client. The order of checks, cheapest first: media type
(415), declared size (413), silent drops that need no regex (privacy signal, other
site, missing or over-long user agent: 204), crawler patterns (counted, 204), body
size (413), JSON (400), each event (400; counted), then the events whose page is not a
trackable page of this site are dropped; the throttle (429) and the client's daily
budget, which caps the rest, are checked in one cache round trip; what is left goes in
one INSERT.

Expected rejections (4xx) are logged at DEBUG by ``wagtail_darksocial.tracking.api.views``, never
once per request at WARNING by ``django.request``: any client can send them.
"""

import logging

from django.db import IntegrityError, InterfaceError, OperationalError, connections, router
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import APIException, ParseError, Throttled
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from ...conf import get_setting
from ...models import Event
from .. import filters, throttle
from . import parsing
from .ingest import build_events
from .lookups import site_info_for_request
from .schema import EVENTS_SCHEMA
from .validation import validate_payload

logger = logging.getLogger(__name__)


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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if 400 <= response.status_code < 500:
            # Any client can send these at will: one DEBUG line, no client detail, and
            # Django's per-request WARNING from ``django.request`` is skipped.
            response._has_been_logged = True
            logger.debug("Events request refused with %d.", response.status_code)
        return response

    def post(self, request):
        if not get_setting("TRACKING"):
            return no_content()
        parsing.check_media_type(request)
        limit = get_setting("MAX_BODY_BYTES")
        parsing.check_declared_length(request, limit)
        if filters.drop_reason(request):
            return no_content()
        try:
            if filters.is_crawler(request):
                rows = None
            else:
                payload = parsing.decode(parsing.read_body(request, limit))
                incoming = validate_payload(payload, get_setting("MAX_BATCH"))
                site_info = site_info_for_request(request)
                if site_info is None:
                    raise ParseError(_("No Wagtail site serves this host name."))
                rows = build_events(request, site_info, incoming)
        except APIException:
            # An invalid request counts against the rate too (one counter round trip).
            refuse_if_throttled(throttle.hit(request))
            raise
        if rows is None:  # a crawler: counted, then dropped
            refuse_if_throttled(throttle.hit(request))
            return no_content()
        # The rate and the daily budget in one round trip on Redis.
        verdict, rows = throttle.admit(request, rows)
        refuse_if_throttled(verdict)
        if rows:
            store(rows)
        return no_content()


def store(rows):
    """INSERT ``rows``; once more on a fresh connection if the database dropped ours
    (a restart, a failover, a killed backend); 503 if it is still unreachable."""
    alias = router.db_for_write(Event)
    for attempt in (1, 2):
        try:
            if len(rows) == 1 and not connections[alias].in_atomic_block:
                store_one(rows[0], alias)
            else:
                # A replayed share token (unique per site) is skipped, not an error: the
                # batch's other events are stored and the request still gets its 204.
                Event.objects.using(alias).bulk_create(rows, ignore_conflicts=True)
            return
        except (OperationalError, InterfaceError):
            connection = connections[alias]
            if attempt == 2 or connection.in_atomic_block:
                logger.warning("Events not stored: the database is unreachable.")
                raise ServiceUnavailable(_("Try again later.")) from None
            connection.close()
            for row in rows:
                row.pk = None
                row._state.adding = True


def store_one(row, alias):
    """One INSERT in autocommit: one round trip, no BEGIN/COMMIT. Outside a transaction
    a refused INSERT aborts nothing, so it is skipped as in a batch: a replayed share
    token (unique per site), or a page deleted since it was looked up."""
    try:
        row.save(force_insert=True, using=alias)
    except IntegrityError:
        logger.debug("An event was skipped: its token was replayed or its page is gone.")


class ServiceUnavailable(APIException):
    status_code = 503
    default_code = "service_unavailable"


def refuse_if_throttled(verdict):
    if not verdict.allowed:
        raise Throttled(wait=verdict.retry_after)
