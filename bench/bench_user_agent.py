"""Benchmark: the events endpoint's user-agent check vs. crawlerdetect's own matcher.

Usage: python bench/bench_user_agent.py [--runs 5]

For each length (100 to 8,000 characters) and three shapes of user agent (one letter
repeated, the shape that makes crawlerdetect quadratic; random printable text; a real
browser's user agent padded with letters), prints the median CPU time of
``filters.is_bot_user_agent`` (each call on a fresh string, so no cache helps) and,
up to 1,000 characters, of crawlerdetect's uncached check. The budget: at most 2 ms
for any 8 KB user agent, and at most 1 ms for any up to ``MAX_USER_AGENT_LENGTH``;
the exit status is 1 when over it.
"""

import argparse
import os
import random
import statistics
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LENGTHS = (100, 500, 1000, 4000, 8000)
CRAWLERDETECT_MAX = 1000  # longer ones take seconds each
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 "
)


def shapes(length, rng):
    printable = string.ascii_letters + string.digits + " ;/()._-"
    return {
        "one letter": lambda: "a" * (length - 1) + rng.choice(string.ascii_lowercase),
        "random": lambda: "".join(rng.choice(printable) for _ in range(length)),
        "browser+pad": lambda: (
            (BROWSER_UA + "x" * length)[: length - 1] + rng.choice(string.ascii_lowercase)
        ),
    }


def median_ms(check, make, runs):
    timings = []
    for _ in range(runs):
        agent = make()
        start = time.process_time()
        check(agent)
        timings.append(time.process_time() - start)
    return statistics.median(timings) * 1000


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from crawlerdetect import CrawlerDetect

    from wagtail_darksocial.tracking import filters

    raw = CrawlerDetect()
    uncached = raw._check_crawler  # what an attacker gets by varying one letter
    rng = random.Random(1)
    ok = True
    print(f"user agent CPU time, median of {args.runs} (ms); cap {filters.MAX_USER_AGENT_LENGTH}")
    print(f"{'length':>6}  {'shape':<12} {'ours':>8} {'crawlerdetect':>14}")
    for length in LENGTHS:
        for shape, make in shapes(length, rng).items():
            ours = median_ms(filters.is_bot_user_agent, make, args.runs)
            theirs = (
                f"{median_ms(uncached, make, args.runs):14.3f}"
                if length <= CRAWLERDETECT_MAX
                else f"{'(skipped)':>14}"
            )
            print(f"{length:>6}  {shape:<12} {ours:8.3f} {theirs}")
            budget = 2.0 if length > filters.MAX_USER_AGENT_LENGTH else 1.0
            ok &= ours <= budget
    at_cap = filters.MAX_USER_AGENT_LENGTH
    for shape, make in shapes(at_cap, rng).items():
        ours = median_ms(filters.is_bot_user_agent, make, args.runs)
        theirs = median_ms(uncached, make, args.runs)
        print(f"{at_cap:>6}  {shape:<12} {ours:8.3f} {theirs:14.3f}  (at the cap)")
        ok &= ours <= 1.0
    print("within budget" if ok else "OVER BUDGET")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
