"""The labelled arrival corpus (``arrival_corpus.py``): every scenario, as the endpoint
decides it, and the accuracy targets of docs/tracking.md."""

from collections import Counter

import pytest

from .arrival_corpus import SCENARIOS, evaluate


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_corpus_scenario(scenario):
    assert evaluate(scenario) == (scenario.known_miss or scenario.expected)


def test_the_corpus_is_large_and_covers_each_kind():
    assert len(SCENARIOS) >= 200
    kinds = Counter(
        scenario.expected[0] if scenario.expected else "not counted" for scenario in SCENARIOS
    )
    assert set(kinds) == {"tagged", "dark", "social", "search", "referral", "not counted"}
    agents = " ".join(scenario.user_agent for scenario in SCENARIOS)
    for platform in ("iPhone", "Android", "Windows", "Macintosh"):
        assert platform in agents
    assert len({scenario.name for scenario in SCENARIOS}) == len(SCENARIOS)
