"""No-loss check: 16 concurrent writers x 500 events, on PostgreSQL and on SQLite.

Usage: python bench/bench_no_loss.py [--writers 16] [--events 500]

Each writer posts its events in batches of 20 to gunicorn (2 workers x 4 threads).
Accepted (204) events must equal the stored raw events and the rollup total, with no
server error. SQLite runs on a file in WAL mode with immediate transactions and a busy
timeout (example_site.settings.SQLITE_OPTIONS). Talks to 127.0.0.1 only.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.tracking_support import (  # noqa: E402
    drive,
    drop_postgres,
    fresh_postgres,
    fresh_sqlite,
    gunicorn,
    run_helper,
    share_bodies,
    temporary_directory,
)

DATABASE = "darksocial_bench_no_loss"
BATCH = 20


def check(label, url, writers, events):
    page = run_helper(url, "setup")["page"]
    bodies = share_bodies(page, label[:2], writers, events // BATCH, BATCH)
    with gunicorn(url) as address:
        seconds, statuses = drive(address, "/darksocial/events/", bodies)
    counts = run_helper(url, "count")
    accepted = statuses[204] * BATCH
    server_errors = sum(n for status, n in statuses.items() if status != "error" and status >= 500)
    ok = (
        accepted == writers * events == counts["stored"] == counts["rollup"]
        and server_errors == 0
        and set(statuses) == {204}
    )
    print(
        f"  {label:<10} accepted {accepted:>6}  stored {counts['stored']:>6}  "
        f"rollup {counts['rollup']:>6}  server errors {server_errors}  "
        f"other {sum(n for s, n in statuses.items() if s != 204) - server_errors}  "
        f"({accepted / seconds:,.0f} events/s)  {'ok' if ok else 'LOST EVENTS'}"
    )
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--events", type=int, default=500, help="per writer")
    args = parser.parse_args()
    print(f"{args.writers} writers x {args.events} events, {BATCH} per request")
    started = time.perf_counter()
    results = []
    try:
        results.append(check("PostgreSQL", fresh_postgres(DATABASE), args.writers, args.events))
    finally:
        drop_postgres(DATABASE)
    with temporary_directory() as directory:
        results.append(check("SQLite", fresh_sqlite(directory), args.writers, args.events))
    print(f"  done in {time.perf_counter() - started:.0f} s")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
