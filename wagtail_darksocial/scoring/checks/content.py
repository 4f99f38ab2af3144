"""Checks on the main content: headline, readability, structure, quotes."""

import re
from itertools import chain

from ..i18n import Msgid, gettext_noop, ngettext
from ..quotes import MAX_QUOTE_WORDS, MAX_QUOTES, MIN_QUOTE_WORDS, find_quotes
from ..text import (
    SUPPORTED_LANGUAGES,
    count_words,
    reading_ease,
    total_syllables,
)
from .base import GOOD, OK, POOR, UNKNOWN, Outcome, band, worse

HEADLINE_GOOD = (6, 12)  # words in the H1
HEADLINE_OK = (4, 15)
READABILITY_GOOD = 60  # reading ease at or above: good
READABILITY_OK = 50  # at or above: ok; below: poor
READABILITY_MIN_WORDS = 50
LONG_SENTENCE = 20  # words; longer sentences count as long
LONG_SENTENCES_GOOD = 25  # % of long sentences at or below: good
LONG_SENTENCES_OK = 35
LONG_PARAGRAPH = 150  # words
SUBHEADING_GOOD = 300  # longest run of words without a subheading
SUBHEADING_OK = 450
SUBHEADING_LEVELS = (2, 3, 4)
ALT_OK_SHARE = 80  # % of content images with an alt attribute for "ok"
WORD_COUNT_GOOD = (600, 2500)
WORD_COUNT_OK_MIN = 300
QUOTES_GOOD = 3
FORMULAS = {"en": "Flesch", "fr": "Kandel-Moles"}
#: Reading ease (Flesch and Kandel-Moles share the 0–100 scale) in a newsroom's words,
#: highest band first.
READING_LEVELS = (
    (90, gettext_noop("Very easy to read, like a children's story")),
    (80, gettext_noop("Easy to read, like a chat between friends")),
    (70, gettext_noop("Fairly easy to read, like a popular magazine")),
    (60, gettext_noop("Plain language, easy for most readers")),
    (50, gettext_noop("Fairly hard to read, like a broadsheet's opinion page")),
    (30, gettext_noop("Hard to read, like an academic paper")),
    (None, gettext_noop("Very hard to read, like a legal text")),
)
#: Alt text that is a file name or an image size, not a description ("IMG_1234.jpg",
#: "card-1200x630", "hero_image"): one word with digits, underscores, an extension or
#: several hyphens.
FILE_NAME_ALT = re.compile(
    r"^(?=\S+$)(?:.*\.(?:jpe?g|png|gif|webp|avif|svg|heic|tiff?|bmp)|.*[\d_].*|.*-.*-.*)$",
    re.IGNORECASE,
)


def reading_level(score):
    """The newsroom description of a reading-ease score."""
    return next(text for lowest, text in READING_LEVELS if lowest is None or score >= lowest)


def _same_text(a, b):
    return bool(a) and " ".join(a.split()).casefold() == " ".join((b or "").split()).casefold()


def check_headline(page):
    headlines = page.doc.h1
    if not headlines:
        return Outcome(
            POOR,
            0,
            gettext_noop("The page has no main headline (H1)."),
            gettext_noop("Give the page one H1 headline of %(min)s to %(max)s words."),
            {"min": HEADLINE_GOOD[0], "max": HEADLINE_GOOD[1]},
        )
    words = count_words(headlines[0])
    # When the H1 is the page's title, one fix (the title) answers both checks.
    group = "title" if _same_text(headlines[0], page.fields.title) else ""
    params = {
        "words": words,
        "count": len(headlines),
        "min": HEADLINE_GOOD[0],
        "max": HEADLINE_GOOD[1],
    }
    if not words:
        return Outcome(
            POOR,
            0,
            gettext_noop("The page's main headline (H1) is empty."),
            gettext_noop("Ask your developer: put the headline text inside the H1."),
            params,
            "developer",
        )
    status = band(words, HEADLINE_GOOD, HEADLINE_OK)
    if len(headlines) > 1:
        return Outcome(
            worse(status, OK),
            words,
            gettext_noop(
                "The page has %(count)s main headlines (H1), which makes it "
                "unclear which one describes the page."
            ),
            gettext_noop(
                "Keep a single H1 for the headline and turn the others into H2 subheadings."
            ),
            params,
            "body",
        )
    if status == GOOD:
        return Outcome(
            GOOD,
            words,
            gettext_noop("The headline has %(words)s words, a good length."),
            "",
            params,
            "title",
            group,
        )
    if words < HEADLINE_GOOD[0]:
        return Outcome(
            status,
            words,
            ngettext(
                "The headline has only %(words)s word, which may not say enough "
                "to make people click.",
                "The headline has only %(words)s words, which may not say enough "
                "to make people click.",
                "words",
            ),
            gettext_noop(
                "Write a headline of %(min)s to %(max)s words that tells readers "
                "what they will get."
            ),
            params,
            "title",
            group,
        )
    return Outcome(
        status,
        words,
        gettext_noop("The headline has %(words)s words, which is long for a link preview."),
        gettext_noop("Cut the headline to %(max)s words or fewer."),
        params,
        "title",
        group,
    )


def check_readability(page):
    language = page.language
    if language not in SUPPORTED_LANGUAGES:
        return Outcome(
            UNKNOWN,
            None,
            gettext_noop("Readability is only measured for English and French text."),
            gettext_noop("Check that the page declares its language in the <html> tag."),
        )
    sentences = page.sentences
    words = sum(len(s.words) for s in sentences)
    params = {"min_words": READABILITY_MIN_WORDS, "words": words}
    if words < READABILITY_MIN_WORDS:
        return Outcome(
            UNKNOWN,
            None,
            gettext_noop(
                "There is too little text to measure readability (fewer than %(min_words)s words)."
            ),
            "",
            params,
        )
    syllables = total_syllables(list(chain.from_iterable(s.words for s in sentences)), language)
    score = round(reading_ease(language, words, len(sentences), syllables), 1)
    params.update(
        score=score,
        formula=FORMULAS[language],
        good=READABILITY_GOOD,
        ok=READABILITY_OK,
        level=Msgid(reading_level(score)),
    )
    if score >= READABILITY_GOOD:
        return Outcome(
            GOOD,
            score,
            gettext_noop("%(level)s (reading ease %(score)s out of 100, %(formula)s)."),
            "",
            params,
            "body",
        )
    status = OK if score >= READABILITY_OK else POOR
    return Outcome(
        status,
        score,
        gettext_noop(
            "%(level)s (reading ease %(score)s out of 100, %(formula)s). Most readers "
            "of shared links want %(good)s or more: plain language."
        ),
        gettext_noop(
            "Use shorter sentences and everyday words: one idea per sentence, "
            "and a common word where there is one."
        ),
        params,
        "body",
    )


def check_sentence_length(page):
    sentences = page.sentences
    if not sentences:
        return Outcome(UNKNOWN, None, gettext_noop("The page has no sentences to measure."))
    long = sum(1 for s in sentences if len(s.words) > LONG_SENTENCE)
    exact = 100 * long / len(sentences)
    share = round(exact)
    params = {"share": share, "limit": LONG_SENTENCE, "good": LONG_SENTENCES_GOOD}
    if exact <= LONG_SENTENCES_GOOD:
        return Outcome(
            GOOD,
            share,
            gettext_noop(
                "%(share)s%% of sentences are longer than %(limit)s words, which is fine."
            ),
            "",
            params,
            "body",
        )
    return Outcome(
        OK if exact <= LONG_SENTENCES_OK else POOR,
        share,
        gettext_noop(
            "%(share)s%% of sentences are longer than %(limit)s words; keep it "
            "to %(good)s%% or less."
        ),
        gettext_noop("Split long sentences in two, or cut words that add nothing."),
        params,
        "body",
    )


def check_paragraph_length(page):
    paragraphs = [n for n in page.paragraph_words if n]
    if not paragraphs:
        return Outcome(UNKNOWN, 0, gettext_noop("The page has no paragraphs to measure."))
    longest = max(paragraphs)
    long = sum(1 for n in paragraphs if n > LONG_PARAGRAPH)
    params = {"longest": longest, "count": long, "limit": LONG_PARAGRAPH}
    if not long:
        return Outcome(
            GOOD,
            longest,
            gettext_noop(
                "All paragraphs are %(limit)s words or shorter (the longest has "
                "%(longest)s words)."
            ),
            "",
            params,
        )
    fix = gettext_noop(
        "Break paragraphs longer than %(limit)s words into shorter ones; "
        "readers on phones skip walls of text."
    )
    if long == 1:
        return Outcome(
            OK,
            longest,
            gettext_noop("One paragraph is longer than %(limit)s words (%(longest)s words)."),
            fix,
            params,
            "body",
        )
    return Outcome(
        POOR,
        longest,
        gettext_noop(
            "%(count)s paragraphs are longer than %(limit)s words; the longest "
            "has %(longest)s words."
        ),
        fix,
        params,
        "body",
    )


def check_subheadings(page):
    run = longest = total = 0
    for block, words in zip(page.doc.content.blocks, page.block_words, strict=True):
        if block.heading in SUBHEADING_LEVELS:
            run = 0
        elif not block.heading:
            run += words
            total += words
            longest = max(longest, run)
    params = {"longest": longest, "limit": SUBHEADING_GOOD}
    if total < SUBHEADING_GOOD:
        return Outcome(
            GOOD,
            longest,
            gettext_noop("The text is short enough not to need subheadings."),
            "",
            params,
        )
    if longest <= SUBHEADING_GOOD:
        return Outcome(
            GOOD,
            longest,
            gettext_noop("Subheadings break up the text at least every %(limit)s words."),
            "",
            params,
        )
    return Outcome(
        OK if longest <= SUBHEADING_OK else POOR,
        longest,
        gettext_noop("One stretch of text runs for %(longest)s words without a subheading."),
        gettext_noop(
            "Add a subheading every ~%(limit)s words so readers on phones can scan the page."
        ),
        params,
        "body",
    )


def check_image_alt(page):
    images = page.doc.content.images
    missing = sum(1 for alt in images if alt is None or FILE_NAME_ALT.match(alt.strip()))
    params = {"missing": missing, "total": len(images)}
    if not images:
        return Outcome(GOOD, 0, gettext_noop("The content has no images."), "", params)
    if not missing:
        return Outcome(
            GOOD,
            0,
            gettext_noop("Every image in the content has a description (alt text)."),
            "",
            params,
        )
    status = OK if 100 * (len(images) - missing) >= ALT_OK_SHARE * len(images) else POOR
    fix = gettext_noop(
        "Describe what each image shows in words, not its file name: in the image's "
        "Description (Images menu), or its alt text in the body. Leave it empty only "
        "for purely decorative images."
    )
    if len(images) == 1:
        message = gettext_noop(
            "The image in the content has no description: its alt text is missing or a file name."
        )
    else:
        message = ngettext(
            "%(missing)s of the %(total)s images in the content has no description "
            "(alt text missing or a file name).",
            "%(missing)s of the %(total)s images in the content have no description "
            "(alt text missing or a file name).",
            "missing",
        )
    return Outcome(status, missing, message, fix, params, "body")


def check_word_count(page):
    words = page.word_count
    params = {
        "words": words,
        "min": WORD_COUNT_GOOD[0],
        "max": WORD_COUNT_GOOD[1],
        "ok_min": WORD_COUNT_OK_MIN,
    }
    if WORD_COUNT_GOOD[0] <= words <= WORD_COUNT_GOOD[1]:
        return Outcome(
            GOOD,
            words,
            gettext_noop("The content has %(words)s words, a good length to share."),
            "",
            params,
            "body",
        )
    if words > WORD_COUNT_GOOD[1]:
        return Outcome(
            OK,
            words,
            gettext_noop(
                "The content has %(words)s words. Long pieces are shared less "
                "often than ones of %(min)s to %(max)s words."
            ),
            gettext_noop(
                "Consider splitting the piece into a series, or add a short summary at the top."
            ),
            params,
            "body",
        )
    return Outcome(
        OK if words >= WORD_COUNT_OK_MIN else POOR,
        words,
        ngettext(
            "The content has %(words)s word. Pages of %(min)s to %(max)s words "
            "give people more reason to share them.",
            "The content has %(words)s words. Pages of %(min)s to %(max)s words "
            "give people more reason to share them.",
            "words",
        ),
        gettext_noop("Add substance (examples, figures, quotes) to reach at least %(min)s words."),
        params,
        "body",
    )


def check_quotable(page):
    sentences = page.sentences
    if not sentences:
        return Outcome(UNKNOWN, [], gettext_noop("The page has no sentences to quote."))
    quotes = find_quotes(sentences, page.language)
    best = quotes[:MAX_QUOTES]
    params = {
        "count": len(quotes),
        "min": MIN_QUOTE_WORDS,
        "max": MAX_QUOTE_WORDS,
    }
    if len(quotes) >= QUOTES_GOOD:
        return Outcome(
            GOOD,
            best,
            gettext_noop(
                "The text has %(count)s short sentences that people can quote on their own."
            ),
            "",
            params,
        )
    fix = gettext_noop(
        "Write a few short, striking sentences (%(min)s to %(max)s words) that "
        "make sense on their own, or highlight one in a block quote."
    )
    if not quotes:
        return Outcome(
            POOR,
            best,
            gettext_noop(
                "The text has no short, self-contained sentence that people could quote."
            ),
            fix,
            params,
            "body",
        )
    if len(quotes) == 1:
        message = gettext_noop("The text has one short sentence that people can quote on its own.")
    else:
        message = gettext_noop(
            "The text has %(count)s short sentences that people can quote on their own."
        )
    return Outcome(OK, best, message, fix, params, "body")
