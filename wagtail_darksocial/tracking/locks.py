"""One rollup or prune at a time per database: ``exclusive_rollup()``.

A prune that deletes raw events while a rollup recomputes the same days can make the
rollup see a day half gone. ``rollup()`` and ``prune()`` (and so the commands and
tasks) therefore run inside ``exclusive_rollup()``, which takes:

- on **PostgreSQL**, an advisory lock (``pg_advisory_lock``; ``pg_advisory_xact_lock``
  when called inside a transaction) on the connection that the rollup uses, so every
  process and host using the database agrees; the server releases it if the process
  dies. It needs a session of its own: behind a pooler in transaction mode
  (PgBouncer), run the jobs on a direct connection.
- on **SQLite**, an exclusive ``flock`` on a file next to the database file
  (``<database>.darksocial-lock``): the database is a local file, every process that
  opens it can lock its sibling, and the kernel releases the lock if the process dies,
  where a lock row in the database would outlive a crashed job. An in-memory database
  uses a lock within the process.
- on any other database, a lock within the process only.

A second run waits for the first to finish (``wait=True``, the default), or raises
``RollupBusy`` at once (``wait=False``). The lock is re-entrant within a thread:
``prune()`` takes it and then calls ``rollup()``, which takes it again.
"""

import contextlib
import hashlib
import os
import threading

from django.db import DatabaseError, connections, router

from ..models import DailyRollup

# A fixed 64-bit key for pg_advisory_lock, derived from a name so it is recognisable.
ADVISORY_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"wagtail_darksocial.rollup").digest()[:8], "big", signed=True
)
_process_locks = {}
_process_locks_guard = threading.Lock()
_held = threading.local()  # alias -> depth, for re-entrancy within a thread


class RollupBusy(Exception):
    """Another rollup or prune holds the lock, and the caller chose not to wait."""


def rollup_database():
    """The database alias the rollups write to."""
    return router.db_for_write(DailyRollup)


@contextlib.contextmanager
def exclusive_rollup(*, wait=True, using=None):
    """Hold the rollup lock of database ``using`` (default: the rollups' database)."""
    alias = using or rollup_database()
    depths = _held.__dict__.setdefault("depths", {})
    if depths.get(alias):
        depths[alias] += 1
        try:
            yield
        finally:
            depths[alias] -= 1
        return
    connection = connections[alias]
    if connection.vendor == "postgresql":
        lock = _advisory_lock(connection, wait)
    elif connection.vendor == "sqlite" and not connection.is_in_memory_db():
        lock = _file_lock(str(connection.settings_dict["NAME"]) + ".darksocial-lock", wait)
    else:
        lock = _process_lock(alias, wait)
    with lock:
        depths[alias] = 1
        try:
            yield
        finally:
            depths[alias] = 0


@contextlib.contextmanager
def _advisory_lock(connection, wait):
    # Inside a transaction, a transaction-level lock: it ends with the transaction,
    # whether that commits or rolls back. Otherwise a session lock, released below.
    scope = "_xact" if connection.in_atomic_block else ""
    with connection.cursor() as cursor:
        if wait:
            cursor.execute(f"SELECT pg_advisory{scope}_lock(%s)", [ADVISORY_LOCK_KEY])
        else:
            cursor.execute(f"SELECT pg_try_advisory{scope}_lock(%s)", [ADVISORY_LOCK_KEY])
            if not cursor.fetchone()[0]:
                raise RollupBusy
    try:
        yield
    finally:
        if not scope:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
            except DatabaseError:  # the session is gone, and its locks with it
                pass


@contextlib.contextmanager
def _file_lock(path, wait):
    # One open file per acquisition: flock locks conflict between open files, so two
    # threads of one process exclude each other as two processes do.
    handle = open(path, "a+b")  # noqa: SIM115 (closed below, which releases the lock)
    try:
        _lock_file(handle, wait)
        yield
    finally:
        handle.close()


if os.name == "nt":  # pragma: no cover
    import msvcrt
    import time

    def _lock_file(handle, wait):
        while True:
            try:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                if not wait:
                    raise RollupBusy from None
                time.sleep(0.1)

else:
    import fcntl

    def _lock_file(handle, wait):
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise RollupBusy from None


@contextlib.contextmanager
def _process_lock(alias, wait):
    with _process_locks_guard:
        lock = _process_locks.setdefault(alias, threading.Lock())
    if not lock.acquire(blocking=wait):
        raise RollupBusy
    try:
        yield
    finally:
        lock.release()
