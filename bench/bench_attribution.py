"""Attribution accuracy on the labelled corpus, and the cost of reading the user agent.

Usage: python bench/bench_attribution.py [--rounds 15]

1. Runs every scenario of ``tests/tracking/arrival_corpus.py`` through the endpoint's
   steps and prints the confusion matrix (expected class × found class, "none" = not
   counted) and the channel accuracy, for today's classifier and for the one before
   the user agent counted (``baseline_classify.py``). Targets (exit status 1 when
   missed): at least 98% right, no tagged arrival misclassified, no crawler counted.
2. Times classification per arrival, side by side in one run: matching the user agent
   (one precompiled matcher) and classifying, ÷ the old classifier (referrer and tags
   only). Median of ``--rounds`` interleaved rounds over the corpus' counted arrivals;
   the budget is 1.5×.
"""

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLASSES = ("tagged", "dark", "social", "search", "referral", "none")
TARGET_RIGHT = 0.98
BUDGET = 1.5


def label(verdict):
    return verdict[0] if verdict else "none"


def matrix(pairs):
    """Print expected class × found class."""
    cells = Counter((label(expected), label(found)) for expected, found in pairs)
    header = "expected / found"
    print(f"{header:<17}" + "".join(f"{name:>9}" for name in CLASSES) + f"{'total':>8}")
    for row in CLASSES:
        total = sum(cells[row, column] for column in CLASSES)
        if total:
            counts = "".join(f"{cells[row, column]:>9}" for column in CLASSES)
            print(f"{row:<17}{counts}{total:>8}")


def score(name, scenarios, verdicts):
    pairs = [
        (scenario.expected, found) for scenario, found in zip(scenarios, verdicts, strict=True)
    ]
    right = sum(expected == found for expected, found in pairs)
    class_right = sum(label(expected) == label(found) for expected, found in pairs)
    with_channel = [(e, f) for e, f in pairs if e and e[1]]
    channel_right = sum(e == f for e, f in with_channel)
    tagged_wrong = sum(1 for e, f in pairs if e and e[0] == "tagged" and e != f)
    crawlers = [
        scenario
        for scenario, found in zip(scenarios, verdicts, strict=True)
        if scenario.name.startswith("crawler") and found is not None
    ]
    total = len(pairs)
    print(f"\n== {name}")
    matrix(pairs)
    print(
        f"right (class and channel): {right}/{total} = {right / total:.1%}; "
        f"class right: {class_right / total:.1%}; "
        f"channel right where one is expected: {channel_right}/{len(with_channel)} "
        f"= {channel_right / len(with_channel):.1%}; tagged misclassified: {tagged_wrong}; "
        f"crawlers counted: {len(crawlers)}"
    )
    wrong = [
        (s.name, s.expected, f)
        for s, f in zip(scenarios, verdicts, strict=True)
        if s.expected != f
    ]
    return right / total, tagged_wrong, len(crawlers), wrong


def timing(scenarios, rounds):
    from urllib.parse import urlsplit

    from bench import baseline_classify
    from tests.tracking.arrival_corpus import CAMPAIGN, OWN_HOSTS, landing_fields, script_referrer
    from wagtail_darksocial.tracking import agents
    from wagtail_darksocial.tracking.api.validation import normalise_referrer
    from wagtail_darksocial.tracking.classify import classify_arrival

    def campaign():
        return CAMPAIGN

    inputs = []
    for scenario in scenarios:
        if scenario.expected is None:
            continue  # crawlers and internal navigation never reach the classifier
        arrival = {
            "referrer": normalise_referrer(script_referrer(scenario.referrer)),
            "own_hosts": OWN_HOSTS,
            "is_home": urlsplit(scenario.landing).path == "/",
            "site_campaign": campaign,
            **landing_fields(scenario.landing),
        }
        inputs.append((scenario.user_agent, arrival))
    repeat = 50

    def old():
        for _agent, arrival in inputs:
            baseline_classify.classify_arrival(**arrival)

    def new():
        for agent, arrival in inputs:
            classify_arrival(agent=agents.match(agent), **arrival)

    ratios, olds, news = [], [], []
    for _ in range(rounds):
        times = {}
        for name, run in (("old", old), ("new", new)):
            start = time.perf_counter()
            for _ in range(repeat):
                run()
            times[name] = (time.perf_counter() - start) / (repeat * len(inputs))
        olds.append(times["old"])
        news.append(times["new"])
        ratios.append(times["new"] / times["old"])
    ratio = statistics.median(ratios)
    print(
        f"\n== cost per arrival ({len(inputs)} arrivals x {repeat}, median of {rounds} rounds)\n"
        f"old classifier (referrer, tags): {statistics.median(olds) * 1e6:.2f} µs\n"
        f"with user agent matching:        {statistics.median(news) * 1e6:.2f} µs\n"
        f"ratio: {ratio:.2f}x (budget {BUDGET}x)"
    )
    return ratio


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from bench import baseline_classify
    from tests.tracking.arrival_corpus import SCENARIOS, evaluate

    print(f"corpus: {len(SCENARIOS)} scenarios (tests/tracking/arrival_corpus.py)")
    verdicts = [evaluate(scenario) for scenario in SCENARIOS]
    right, tagged_wrong, crawlers, wrong = score(
        "with user agent and registry", SCENARIOS, verdicts
    )
    for name, expected, found in wrong:
        print(f"  wrong: {name}: expected {expected}, found {found}")

    # The old classifier on the same scenarios (same crawler filter and referrer steps).
    def old(_user_agent, **arrival):
        return baseline_classify.classify_arrival(**arrival)

    old_verdicts = [evaluate(scenario, old) for scenario in SCENARIOS]
    score("before: referrer host and tags only", SCENARIOS, old_verdicts)

    ratio = timing(SCENARIOS, args.rounds)
    ok = right >= TARGET_RIGHT and tagged_wrong == 0 and crawlers == 0 and ratio <= BUDGET
    print("\nOK" if ok else "\nTARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
