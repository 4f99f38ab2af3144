"""The incremental rollup's watermark: which raw events are already counted.

Events get increasing ids, but on PostgreSQL they do not become visible in id order:
a transaction that took id 5 may commit after the one that took id 6. A run that
counted up to 6 and moved the watermark there would never count 5. ``high_mark()``
therefore returns an id below which every event is either visible now or never will
be:

- on **PostgreSQL**, it reads ``max(id)``, then lists the transactions that hold a
  ``ROW EXCLUSIVE`` lock on the event table (every ``INSERT`` takes it before it draws
  its id, and keeps it until it commits or rolls back), and waits for those to end.
  Any event with an id at or below the mark was drawn before the mark was read, so by
  a transaction in that list, or one already over. Ingest is never blocked: nothing
  is locked, only watched. Should a writer stay open past ``WAIT_SECONDS`` (a stuck
  session), the run counts nothing new and says so; the next run tries again.
- on **SQLite**, one writer at a time: an event's id is drawn and committed under the
  database's write lock, so ``max(id)`` is safe as it is.
- elsewhere, ``max(id)`` minus nothing: single-writer semantics are assumed
  (documented as unsupported for concurrent ingest).
"""

import time

from django.db import connections
from django.db.models import Max

from ..models import Event, RollupState

NAME = "events"
WAIT_SECONDS = 10
POLL_SECONDS = 0.02


class WritersStillOpen(Exception):
    """A transaction writing events stayed open longer than ``WAIT_SECONDS``."""


def last_counted(alias):
    """The watermark, or ``None`` before the first incremental run."""
    row = RollupState.objects.using(alias).filter(name=NAME).values_list("last_event_id").first()
    return row[0] if row else None


def set_last_counted(alias, event_id):
    RollupState.objects.using(alias).update_or_create(
        name=NAME, defaults={"last_event_id": event_id}
    )


def high_mark(alias, wait_seconds=WAIT_SECONDS):
    """The highest event id up to which every event is committed or never will be."""
    mark = Event.objects.using(alias).aggregate(top=Max("id"))["top"] or 0
    connection = connections[alias]
    if connection.vendor == "postgresql":
        _wait_for_writers(connection, wait_seconds)
    return mark


WRITERS_SQL = """
    SELECT DISTINCT virtualtransaction FROM pg_locks
    WHERE locktype = 'relation' AND relation = %s::regclass
      AND mode = 'RowExclusiveLock' AND pid <> pg_backend_pid()
"""


def _wait_for_writers(connection, wait_seconds):
    table = Event._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(WRITERS_SQL, [table])
        writers = {row[0] for row in cursor.fetchall()}
        deadline = time.monotonic() + wait_seconds
        while writers:
            if time.monotonic() > deadline:
                raise WritersStillOpen(f"{len(writers)} transaction(s) writing {table}")
            time.sleep(POLL_SECONDS)
            cursor.execute(WRITERS_SQL, [table])
            writers &= {row[0] for row in cursor.fetchall()}
