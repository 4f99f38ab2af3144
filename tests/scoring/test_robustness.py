"""Hostile input must always produce a Report, quickly, and never raise."""

import random
import time

import pytest

from wagtail_darksocial.scoring import CHECK_IDS, Report, analyse
from wagtail_darksocial.scoring.checks import CHECKS

rng = random.Random(1234)
SENTENCE = "The quick brown fox jumps over the lazy dog. "

CASES = {
    "empty string": "",
    "empty bytes": b"",
    "whitespace": " \n\t ",
    "binary bytes": bytes(rng.randrange(256) for _ in range(100_000)),
    "nul characters": "<p>\x00\x00 nul \x00</p>" * 100,
    "invalid utf-8": b"<html><body><p>caf\xe9 \xff\xfe \xc3</p></body></html>",
    "20,000 nested divs": "<div>" * 20_000 + "deep" + "</div>" * 20_000,
    "20,000 unclosed paragraphs": "<main>" + "<div><p>Some words here." * 20_000,
    "5 MB of text": "<html lang='en'><body><p>" + SENTENCE * 112_000 + "</p></body></html>",
    "5 MB without punctuation": "<p>" + "word " * 1_000_000 + "</p>",
    "lots of scripts": "<head>" + "<script>var s = '<p>x</p>';</script>" * 20_000 + "</head>",
    "deeply nested JSON-LD": '<script type="application/ld+json">'
    + "[" * 50_000
    + "]" * 50_000
    + "</script>",
    "huge JSON-LD graph": '<script type="application/ld+json">{"@graph": ['
    + ",".join(['{"@type": "Thing"}'] * 50_000)
    + "]}</script>",
    "odd markup": "<!DOCTYPE html><![CDATA[ x ]]><!-- c --><!x y><?php echo 1; ?><p>Hi</p></x>"
    "<title><title></title><html lang><meta property><link rel><img><h1>",
    "attribute soup": '<meta property="og:image" content="http://[::1">'
    '<link rel="canonical" href="http://[bad"><meta property="og:url" content="//x">'
    '<meta property="og:image:width" content="1e9999"><html lang="' + "x" * 10_000 + '">',
    "not a string": 12345,
    "none": None,
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_returns_a_report(name):
    start = time.perf_counter()
    report = analyse(CASES[name], url="https://example.com/a/", ui_language="fr")
    elapsed = time.perf_counter() - start
    assert isinstance(report, Report)
    assert 0 <= report.score <= 100
    assert [check.id for check in report.checks] == list(CHECK_IDS)
    assert all(c.status in {"good", "ok", "poor", "unknown"} for c in report.checks)
    # Each case takes well under a second on a laptop; the bound is generous
    # so that a busy CI machine does not make the test flaky.
    assert elapsed < 10, f"{name} took {elapsed:.1f}s"


def test_huge_text_is_counted_in_full():
    report = analyse(CASES["5 MB of text"])
    assert report.get("word_count").value == 9 * 112_000
    assert report.get("readability").status == "good"


def test_a_failing_check_becomes_unknown(monkeypatch):
    def explode(page):
        raise RuntimeError("boom")

    broken = [spec._replace(func=explode) if spec.id == "title" else spec for spec in CHECKS]
    monkeypatch.setattr("wagtail_darksocial.scoring.analyser.CHECKS", tuple(broken))
    report = analyse("<title>Hello</title>")
    title = report.get("title")
    assert (title.status, title.value) == ("unknown", None)
    assert title.message == "This check could not be completed for this page."
    assert report.get("lang").status == "poor"


def test_a_check_returning_a_bad_status_becomes_unknown(monkeypatch):
    from wagtail_darksocial.scoring.checks.base import Outcome

    broken = [
        spec._replace(func=lambda page: Outcome("great", 1, "x")) if spec.id == "lang" else spec
        for spec in CHECKS
    ]
    monkeypatch.setattr("wagtail_darksocial.scoring.analyser.CHECKS", tuple(broken))
    assert analyse("").get("lang").status == "unknown"


def test_parser_failure_yields_a_report(monkeypatch):
    def fail(html):
        raise ValueError("unparseable")

    monkeypatch.setattr("wagtail_darksocial.scoring.analyser.parse", fail)
    report = analyse("<p>x</p>")
    assert isinstance(report, Report)
    assert report.get("title").status == "poor"


def test_hostile_image_info_results():
    html = '<meta property="og:image" content="https://e.com/i.jpg">'

    class Weird:
        width = "wide"
        height = object()

    for result in (Weird(), "nonsense", 42, object()):
        report = analyse(html, image_info=lambda url, r=result: r)
        assert report.get("og_image").status == "unknown"
