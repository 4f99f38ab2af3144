"""The registry of checks: public id, weight and function, in report order.

Weights add up to 100, so a check's weight is its share of the score.
"""

from collections import namedtuple

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

CheckSpec = namedtuple("CheckSpec", "id weight func")

CHECKS = (
    CheckSpec("title", 8, check_title),
    CheckSpec("meta_description", 6, check_meta_description),
    CheckSpec("og_title", 6, check_og_title),
    CheckSpec("og_description", 5, check_og_description),
    CheckSpec("og_image", 12, check_og_image),
    CheckSpec("og_url", 3, check_og_url),
    CheckSpec("og_type", 2, check_og_type),
    CheckSpec("twitter_card", 4, check_twitter_card),
    CheckSpec("canonical", 5, check_canonical),
    CheckSpec("lang", 2, check_lang),
    CheckSpec("structured_data", 5, check_structured_data),
    CheckSpec("share_buttons", 5, check_share_buttons),
    CheckSpec("headline", 6, check_headline),
    CheckSpec("readability", 8, check_readability),
    CheckSpec("sentence_length", 4, check_sentence_length),
    CheckSpec("paragraph_length", 3, check_paragraph_length),
    CheckSpec("subheadings", 3, check_subheadings),
    CheckSpec("image_alt", 3, check_image_alt),
    CheckSpec("word_count", 4, check_word_count),
    CheckSpec("quotable", 6, check_quotable),
)

#: Public check ids, in report order.
CHECK_IDS = tuple(spec.id for spec in CHECKS)
#: Weight of each check id.
WEIGHTS = {spec.id: spec.weight for spec in CHECKS}
