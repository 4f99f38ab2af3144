"""The registry of checks: public id, weight, function, unit and profiles, in report order.

Weights add up to 100, so a check's weight is its share of the score (``browser_title``
weighs nothing: only a developer can fix it). A check runs only for the page profiles it
lists: listing pages (home, section and index pages) skip the checks on article prose.
"""

from collections import namedtuple

from ..i18n import gettext_noop, ngettext
from ..report import ARTICLE, LISTING
from .content import (
    check_headline,
    check_image_alt,
    check_paragraph_length,
    check_quotable,
    check_readability,
    check_sentence_length,
    check_subheadings,
    check_word_count,
)
from .image import check_og_image
from .meta import (
    check_browser_title,
    check_canonical,
    check_lang,
    check_meta_description,
    check_og_description,
    check_og_title,
    check_og_type,
    check_og_url,
    check_share_buttons,
    check_structured_data,
    check_title,
    check_twitter_card,
)

CheckSpec = namedtuple("CheckSpec", "id weight func unit profiles")

ALL = frozenset({ARTICLE, LISTING})
ARTICLES = frozenset({ARTICLE})

#: How a check's numeric value is shown: "%(value)s" is the value, in the report's language.
CHARACTERS = ngettext("%(value)s character", "%(value)s characters", "value")
WORDS = ngettext("%(value)s word", "%(value)s words", "value")
LONG_SENTENCES = gettext_noop("%(value)s%% of sentences too long")
WORDS_WITHOUT_SUBHEADING = ngettext(
    "%(value)s word without a subheading", "%(value)s words without a subheading", "value"
)
LONGEST_PARAGRAPH = ngettext("longest: %(value)s word", "longest: %(value)s words", "value")
IMAGES_WITHOUT_ALT = ngettext(
    "%(value)s image without a description",
    "%(value)s images without a description",
    "value",
)
READING_EASE = gettext_noop("%(value)s out of 100")

CHECKS = (
    CheckSpec("title", 8, check_title, CHARACTERS, ALL),
    CheckSpec("browser_title", 0, check_browser_title, CHARACTERS, ALL),
    CheckSpec("meta_description", 6, check_meta_description, CHARACTERS, ALL),
    CheckSpec("og_title", 6, check_og_title, None, ALL),
    CheckSpec("og_description", 5, check_og_description, None, ALL),
    CheckSpec("og_image", 12, check_og_image, None, ALL),
    CheckSpec("og_url", 3, check_og_url, None, ALL),
    CheckSpec("og_type", 2, check_og_type, None, ALL),
    CheckSpec("twitter_card", 4, check_twitter_card, None, ALL),
    CheckSpec("canonical", 5, check_canonical, None, ALL),
    CheckSpec("lang", 2, check_lang, None, ALL),
    CheckSpec("structured_data", 5, check_structured_data, None, ALL),
    CheckSpec("share_buttons", 5, check_share_buttons, None, ALL),
    CheckSpec("headline", 6, check_headline, WORDS, ALL),
    CheckSpec("readability", 8, check_readability, READING_EASE, ARTICLES),
    CheckSpec("sentence_length", 4, check_sentence_length, LONG_SENTENCES, ARTICLES),
    CheckSpec("paragraph_length", 3, check_paragraph_length, LONGEST_PARAGRAPH, ARTICLES),
    CheckSpec("subheadings", 3, check_subheadings, WORDS_WITHOUT_SUBHEADING, ARTICLES),
    CheckSpec("image_alt", 3, check_image_alt, IMAGES_WITHOUT_ALT, ALL),
    CheckSpec("word_count", 4, check_word_count, WORDS, ARTICLES),
    CheckSpec("quotable", 6, check_quotable, None, ARTICLES),
)

#: Public check ids, in report order.
CHECK_IDS = tuple(spec.id for spec in CHECKS)
#: Weight of each check id.
WEIGHTS = {spec.id: spec.weight for spec in CHECKS}
