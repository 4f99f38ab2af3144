"""Benchmark: the events endpoint vs. a bare Django view doing the same single INSERT.

Usage: python bench/bench_ingest.py [--threads 8] [--requests 200] [--rounds 7]

Two gunicorn servers (2 workers x 4 threads, gthread each) share a fresh PostgreSQL
database: one keeps the throttle counters in Redis (the production setup), the other
in each process's memory, which shows what the shared cache's round trip costs. Client
threads on the same machine drive, in every round and in a rotating order: the
endpoint on each server, the bare view, and the batch path (20 events per request).
Figures are medians over the rounds. Target: endpoint events/s >= 0.7 x the bare
view's. Talks to 127.0.0.1 only.
"""

import argparse
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.tracking_support import (  # noqa: E402
    drive,
    drop_postgres,
    fresh_postgres,
    gunicorn,
    run_helper,
    share_bodies,
)

DATABASE = "darksocial_bench_ingest"
ENDPOINT = "/darksocial/events/"
BARE = "/bare/events/"
BATCH = 20
TARGET = 0.7
LETTERS = {"endpoint": "e", "endpoint_local": "l", "bare": "b", "batch": "B"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="per thread, side and round")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    url = fresh_postgres(DATABASE)
    try:
        page = run_helper(url, "setup")["page"]
        with ExitStack() as stack:
            redis = stack.enter_context(gunicorn(url))
            local = stack.enter_context(gunicorn(url, BENCH_THROTTLE_CACHE="local"))
            sides = [
                ("endpoint", redis, ENDPOINT, 1),
                ("endpoint_local", local, ENDPOINT, 1),
                ("bare", redis, BARE, 1),
                ("batch", redis, ENDPOINT, BATCH),
            ]
            rates, accepted, problems = run(sides, page, args)
        counts = run_helper(url, "count")
    finally:
        drop_postgres(DATABASE)

    median = {name: statistics.median(values) for name, values in rates.items()}
    ratio = median["endpoint"] / median["bare"]
    paired = statistics.median(
        e / b for e, b in zip(rates["endpoint"], rates["bare"], strict=True)
    )
    local_ratio = median["endpoint_local"] / median["bare"]
    print(
        f"PostgreSQL; 2 gunicorn servers, 2 workers x 4 threads each; {args.threads} client "
        f"threads; {args.rounds} rounds of {args.threads * args.requests} requests per side"
    )
    rows = [
        ("endpoint, 1 event/request, throttle in Redis", median["endpoint"]),
        ("endpoint, throttle in process memory", median["endpoint_local"]),
        ("bare Django view, same single INSERT", median["bare"]),
    ]
    for label, value in rows:
        print(f"  {label + ':':<47}{value:7.0f} events/s")
    print(
        f"  {'ratio endpoint / bare:':<47}{ratio:7.2f}  (round by round: {paired:.2f}; "
        f"in-memory throttle: {local_ratio:.2f}; target >= {TARGET})"
    )
    print(f"  {f'batch path, {BATCH} events/request (Redis):':<47}{median['batch']:7.0f} events/s")
    print(f"  accepted {accepted}, stored {counts['stored']}, rollup total {counts['rollup']}")
    if problems or not accepted == counts["stored"] == counts["rollup"]:
        print("FAILED: " + ("; ".join(problems) or "stored events differ from accepted ones"))
        return 1
    if ratio < TARGET:
        print(f"note: ratio below the {TARGET} target on this run")
    return 0


def run(sides, page, args):
    """Warm up, then drive every side once per round, in a rotating order."""
    rates = {name: [] for name, *_ in sides}
    accepted, problems = 0, []
    for name, address, path, _batch in sides:
        statuses = drive(address, path, share_bodies(page, "w" + name[-1], args.threads, 20))[1]
        accepted += statuses[204]
    for number in range(args.rounds):
        shift = number % len(sides)
        for name, address, path, batch in sides[shift:] + sides[:shift]:
            requests = args.requests if batch == 1 else max(5, args.requests // 10)
            prefix = f"{LETTERS[name]}{number % 10}"
            bodies = share_bodies(page, prefix, args.threads, requests, batch)
            seconds, statuses = drive(address, path, bodies)
            events = statuses[204] * batch
            accepted += events
            rates[name].append(events / seconds)
            if set(statuses) != {204}:
                problems.append(f"{name} round {number}: {dict(statuses)}")
    return rates, accepted, problems


if __name__ == "__main__":
    sys.exit(main())
