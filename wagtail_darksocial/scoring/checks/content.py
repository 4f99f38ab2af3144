"""Checks on the main content: headline, readability, structure, quotes."""

from itertools import chain

from ..i18n import gettext_noop
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
            gettext_noop("Put the headline text inside the H1."),
            params,
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
        )
    if status == GOOD:
        return Outcome(
            GOOD,
            words,
            gettext_noop("The headline has %(words)s words, a good length."),
            "",
            params,
        )
    if words < HEADLINE_GOOD[0]:
        return Outcome(
            status,
            words,
            gettext_noop(
                "The headline has only %(words)s words, which may not say enough "
                "to make people click."
            ),
            gettext_noop(
                "Write a headline of %(min)s to %(max)s words that tells readers "
                "what they will get."
            ),
            params,
        )
    return Outcome(
        status,
        words,
        gettext_noop("The headline has %(words)s words, which is long for a link preview."),
        gettext_noop("Cut the headline to %(max)s words or fewer."),
        params,
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
    )
    if score >= READABILITY_GOOD:
        return Outcome(
            GOOD,
            score,
            gettext_noop(
                "The text scores %(score)s for reading ease (%(formula)s), so it is easy to read."
            ),
            "",
            params,
        )
    status = OK if score >= READABILITY_OK else POOR
    return Outcome(
        status,
        score,
        gettext_noop(
            "The text scores %(score)s for reading ease (%(formula)s); %(good)s "
            "or more is easy for most readers."
        ),
        gettext_noop("Use shorter sentences and everyday words to make the text easier to read."),
        params,
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
            "Add a subheading (H2 or H3) at least every %(limit)s words so "
            "readers can scan the page."
        ),
        params,
    )


def check_image_alt(page):
    images = page.doc.content.images
    missing = sum(1 for alt in images if alt is None)
    params = {"missing": missing, "total": len(images)}
    if not images:
        return Outcome(GOOD, 0, gettext_noop("The content has no images."), "", params)
    if not missing:
        return Outcome(
            GOOD,
            0,
            gettext_noop("Every image in the content has alt text."),
            "",
            params,
        )
    status = OK if 100 * (len(images) - missing) >= ALT_OK_SHARE * len(images) else POOR
    fix = gettext_noop(
        "Describe each image in its alt text (leave it empty only for purely decorative images)."
    )
    if missing == 1:
        message = gettext_noop("One of the %(total)s images in the content has no alt text.")
        if len(images) == 1:
            message = gettext_noop("The image in the content has no alt text.")
    else:
        message = gettext_noop(
            "%(missing)s of the %(total)s images in the content have no alt text."
        )
    return Outcome(status, missing, message, fix, params)


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
        )
    return Outcome(
        OK if words >= WORD_COUNT_OK_MIN else POOR,
        words,
        gettext_noop(
            "The content has %(words)s words. Pages of %(min)s to %(max)s words "
            "give people more reason to share them."
        ),
        gettext_noop("Add substance (examples, figures, quotes) to reach at least %(min)s words."),
        params,
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
        )
    if len(quotes) == 1:
        message = gettext_noop("The text has one short sentence that people can quote on its own.")
    else:
        message = gettext_noop(
            "The text has %(count)s short sentences that people can quote on their own."
        )
    return Outcome(OK, best, message, fix, params)
