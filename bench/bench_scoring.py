"""Benchmark: BeautifulSoup parsing alone vs. a full ``analyse()`` call.

Usage: python bench/bench_scoring.py [--runs 20] [--words 3000]

Prints the median CPU time of each over interleaved runs on a generated
3,000-word article, and the ratio. The budget is analyse() <= 1.5 x
BeautifulSoup(html, PARSER); the exit status is 1 when the warm ratio is over it.
"cold" clears the syllable memo before every run (the first page a process
sees); "warm" keeps it (a running site).
"""

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bs4 import BeautifulSoup  # noqa: E402

from wagtail_darksocial.scoring import PARSER, analyse  # noqa: E402
from wagtail_darksocial.scoring.text import clear_caches  # noqa: E402

COMMON_TEXT = """
the of and to in is that it for was on are as with his they at be this from
have or by one had not but what all were when we there can an your which their
said if do will each about how up out them then she many some so these would
other into has more her two like him see time could no make than first been its
who now people my made over did down only way find use may water long little
very after words called just where most know get through back much before go
good new write our used me man too any day same right look think also around
another came come work three word must because does part even place well such
here take why things help put years different away again off went old number
great tell men say small every found still between name should home big give
air line set own under read last never us left end along while might next sound
below saw something thought both few those always looked show large often
together asked house world going want school important until form food keep
children feet land side without boy once animals life enough took sometimes
four head above kind began almost live page got earth need far hand high year
mother light parts country father let night following picture being study
second eyes soon times story boys since white days ever paper hard near better
best across during today others however sure means knew its try told young
miles sun ways thing whole hear example heard several change answer room sea
against top turned learn point city play toward five using himself usually
"""
COMMON = COMMON_TEXT.split()
BUDGET = 1.5
SYLLABLES = ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so"]
SYLLABLES += ["tu", "va", "we", "xi", "yo", "ze", "tion", "ment"]


def make_vocabulary(rng):
    rare = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(900)}
    return COMMON, sorted(rare)


def sentence(rng, common, rare):
    length = rng.choice([6, 8, 10, 12, 14, 16, 18, 22, 26])
    words = [rng.choice(rare) if rng.random() < 0.3 else rng.choice(common) for _ in range(length)]
    words[0] = words[0].capitalize()
    if rng.random() < 0.15:
        i = rng.randrange(1, length)
        words[i] = f'<a href="/p/{i}/">{words[i]}</a>'
    if rng.random() < 0.1:
        i = rng.randrange(1, length)
        words[i] = f"<em>{words[i]}</em>"
    return " ".join(words) + rng.choice([".", ".", ".", "?", "!"])


def make_article(total_words=3000, seed=1):
    rng = random.Random(seed)
    common, rare = make_vocabulary(rng)
    parts = []
    words = 0
    since_heading = 0
    while words < total_words:
        if since_heading > 250:
            parts.append(f"<h2>{sentence(rng, common, rare)[:60]}</h2>")
            since_heading = 0
        if rng.random() < 0.05:
            parts.append(
                f'<figure><img src="/media/{words}.jpg" alt="A picture">'
                f"<figcaption>{sentence(rng, common, rare)}</figcaption></figure>"
            )
        if rng.random() < 0.05:
            parts.append(f"<blockquote><p>{sentence(rng, common, rare)}</p></blockquote>")
        sentences = [sentence(rng, common, rare) for _ in range(rng.randint(2, 6))]
        count = sum(len(s.split()) for s in sentences)
        parts.append("<p>" + " ".join(sentences) + "</p>")
        words += count
        since_heading += count
    nav = "".join(f'<li><a href="/section/{i}/">Section {i}</a></li>' for i in range(30))
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>A generated article to benchmark the shareability analyser</title>
<meta name="description" content="{"A long description of the page. " * 4}">
<meta property="og:title" content="A generated article">
<meta property="og:description" content="A description for sharing.">
<meta property="og:image" content="https://example.com/media/og.jpg">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:url" content="https://example.com/article/">
<meta property="og:type" content="article">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="https://example.com/article/">
<link rel="stylesheet" href="/static/site.css">
<script type="application/ld+json">{{"@context": "https://schema.org",
"@type": "NewsArticle", "headline": "A generated article"}}</script>
<script>window.dataLayer = window.dataLayer || [];</script>
</head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>A generated article to benchmark the shareability analyser</h1>
{"".join(parts)}
<div class="darksocial-share" data-darksocial="share"><a href="#">Share</a></div>
</article><aside><h2>Related</h2><ul>{nav}</ul></aside></main>
<footer><p>Footer text. All rights reserved.</p><ul>{nav}</ul></footer>
</body></html>"""


def timed(func):
    """Run ``func`` once and return the CPU seconds it took.

    CPU time (not wall time) keeps the ratio steady on a busy machine. Like
    :mod:`timeit`, the garbage collector is paused while timing; leftover
    garbage (BeautifulSoup trees are full of reference cycles) is collected
    first so no run pays for an earlier one.
    """
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        func()
        return time.process_time() - start
    finally:
        gc.enable()


def compare(funcs, runs):
    """Median time of each function, interleaving runs to cancel drift."""
    times = {name: [] for name in funcs}
    for _ in range(runs):
        for name, func in funcs.items():
            times[name].append(timed(func))
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--words", type=int, default=3000)
    args = parser.parse_args(argv)

    html = make_article(args.words)
    report = analyse(html)
    words = report.get("word_count").value
    print(f"article: {len(html):,} characters, {words:,} content words")

    def parse():
        BeautifulSoup(html, PARSER)

    def cold():
        clear_caches()
        analyse(html)

    def warm():
        analyse(html)

    compare({"parse": parse, "cold": cold, "warm": warm}, 3)  # warm-up
    medians = compare({"parse": parse, "cold": cold, "warm": warm}, args.runs)
    parse_time, cold_time, warm_time = (
        medians["parse"],
        medians["cold"],
        medians["warm"],
    )
    print(f"BeautifulSoup(html, {PARSER!r}) median: {parse_time * 1000:7.2f} ms")
    print(f"analyse(), cold caches, median:     {cold_time * 1000:7.2f} ms")
    print(f"analyse(), warm caches, median:     {warm_time * 1000:7.2f} ms")
    warm_ratio = warm_time / parse_time
    print(f"ratio: {warm_ratio:.2f}x warm, {cold_time / parse_time:.2f}x cold")
    print(f"budget: {BUDGET:.2f}x")
    return 0 if warm_ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
