import json

import pytest

from wagtail_darksocial.scoring import (
    CHECK_IDS,
    WEIGHTS,
    Check,
    Report,
    analyse,
    compute_score,
    normalise_language,
    sorted_checks,
)

from .helpers import meta, page

PUBLIC_IDS = [
    "title",
    "browser_title",
    "meta_description",
    "og_title",
    "og_description",
    "og_image",
    "og_url",
    "og_type",
    "twitter_card",
    "canonical",
    "lang",
    "structured_data",
    "share_buttons",
    "headline",
    "readability",
    "sentence_length",
    "paragraph_length",
    "subheadings",
    "image_alt",
    "word_count",
    "quotable",
]


def make(check_id, status, weight):
    return Check(id=check_id, status=status, value=None, message="", fix="", weight=weight)


def test_public_check_ids_and_weights():
    assert list(CHECK_IDS) == PUBLIC_IDS
    assert sum(WEIGHTS.values()) == 100
    report = analyse(page())
    assert [c.id for c in report.checks] == PUBLIC_IDS
    assert {c.id: c.weight for c in report.checks} == WEIGHTS


def test_score_is_a_weighted_mean_without_unknowns():
    checks = [
        make("a", "good", 10),
        make("b", "ok", 20),
        make("c", "poor", 10),
        make("d", "unknown", 60),
    ]
    # (10 × 1 + 20 × 0.5 + 10 × 0) / 40 = 0.5
    assert compute_score(checks) == 50
    assert compute_score([make("a", "good", 2), make("b", "ok", 1)]) == 83  # 2.5 / 3
    assert compute_score([make("a", "unknown", 5)]) == 0
    assert compute_score([]) == 0
    assert compute_score([make("a", "good", 5)]) == 100


def test_analyse_score_matches_its_checks():
    report = analyse(page(head="<title>Hello</title>", body="<h1>A fine headline for a page</h1>"))
    measurable = [c for c in report.checks if c.status != "unknown"]
    points = {"good": 1, "ok": 0.5, "poor": 0}
    expected = round(
        100
        * sum(points[c.status] * c.weight for c in measurable)
        / sum(c.weight for c in measurable)
    )
    assert report.score == expected


def test_sorted_checks_and_worst():
    checks = [
        make("g", "good", 9),
        make("u", "unknown", 9),
        make("o1", "ok", 2),
        make("p1", "poor", 3),
        make("o2", "ok", 8),
        make("p2", "poor", 12),
    ]
    assert [c.id for c in sorted_checks(checks)] == ["p2", "p1", "o2", "o1", "u", "g"]
    report = Report(score=1, checks=checks)
    assert [c.id for c in report.sorted_checks()] == ["p2", "p1", "o2", "o1", "u", "g"]
    assert [c.id for c in report.worst()] == ["p2", "p1", "o2", "o1"]
    assert [c.id for c in report.worst(2)] == ["p2", "p1"]
    assert report.get("u").status == "unknown"
    assert report.get("missing") is None


def test_to_dict_is_json_ready():
    html = page(
        head=meta("og:title", "Hello") + "<title>T</title>",
        body="<main><p>Readers remember one clear idea far longer than ten vague ones.</p></main>",
    )
    report = analyse(html)
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {"score", "language", "profile", "checks"}
    assert data["score"] == report.score
    assert data["language"] == "en"
    first = data["checks"][0]
    assert set(first) == {
        "id",
        "status",
        "value",
        "message",
        "fix",
        "weight",
        "display",
        "field",
        "group",
    }
    quotable = next(c for c in data["checks"] if c["id"] == "quotable")
    assert quotable["value"] == ["Readers remember one clear idea far longer than ten vague ones."]


@pytest.mark.parametrize(
    "code,expected",
    [
        ("fr-FR", "fr"),
        ("EN_gb", "en"),
        (" de ", "de"),
        ("fil", "fil"),
        ("", None),
        (None, None),
        ("english", None),
        ("x", None),
        ("12", None),
    ],
)
def test_normalise_language(code, expected):
    assert normalise_language(code) == expected


def test_report_language():
    assert analyse(page(lang="fr-CA")).language == "fr"
    assert analyse(page(lang="fr-CA"), language="en-US").language == "en"
    assert analyse(page(lang=None)).language is None
    assert analyse(page(lang="not a language")).language is None


def test_every_check_has_a_message_and_a_fix_unless_good():
    report = analyse(page())
    for check in report.checks:
        assert check.status in {"good", "ok", "poor", "unknown"}
        assert check.message
        if check.status == "poor":
            assert check.fix, check.id


def test_the_core_does_not_import_django():
    import subprocess
    import sys

    code = (
        "import sys; import wagtail_darksocial.scoring as s; s.analyse('<p>Hi.</p>', "
        "ui_language='fr'); print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
