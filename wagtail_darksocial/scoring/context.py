"""The analysis context handed to every check."""

from collections.abc import Callable
from functools import cached_property, partial
from itertools import repeat
from typing import NamedTuple

from .document import Document
from .report import ImageInfo, PageFields
from .text import count_words, split_sentences, words

#: Text beyond this many characters is ignored by sentence-level checks
#: (readability, sentence length, quotes); ~50,000 words, far above any article.
MAX_PROSE_CHARS = 300_000


class Sentence(NamedTuple):
    text: str
    words: list[str]
    quote: bool  # inside a <blockquote>


# Builds a Sentence without the Python-level __new__ of named tuples (hot loop).
_new_sentence = partial(tuple.__new__, Sentence)


class AnalysedPage:
    """A parsed page plus the options given to ``analyse``.

    The content text is split into sentences and words once, lazily, and
    shared by all checks.
    """

    def __init__(
        self,
        doc: Document,
        url: str | None = None,
        language: str | None = None,
        image_info: Callable[[str], ImageInfo | None] | None = None,
        fields: PageFields | None = None,
    ):
        self.doc = doc
        self.fields = fields or PageFields()
        self.url = url
        self.language = language
        self.image_info = image_info

    @cached_property
    def _tokenised(self) -> tuple[list[Sentence], list[int]]:
        sentences: list[Sentence] = []
        block_words: list[int] = []
        add_sentences = sentences.extend
        add_count = block_words.append
        budget = MAX_PROSE_CHARS
        for block in self.doc.content.blocks:
            text = block.text
            if block.heading or budget <= 0:
                add_count(count_words(text))
                continue
            texts = split_sentences(text if len(text) <= budget else text[:budget])
            tokens = list(map(words, texts))
            if all(tokens):
                add_sentences(map(_new_sentence, zip(texts, tokens, repeat(block.quote))))
            else:  # drop "sentences" without words, such as a lone "…"
                add_sentences(
                    _new_sentence(item)
                    for item in zip(texts, tokens, repeat(block.quote))
                    if item[1]
                )
            count = sum(map(len, tokens))
            if len(text) > budget:
                count = count_words(text)
            budget -= len(text)
            add_count(count)
        return sentences, block_words

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences of the content's body text (headings excluded)."""
        return self._tokenised[0]

    @property
    def block_words(self) -> list[int]:
        """Word count of each content block, in order."""
        return self._tokenised[1]

    @cached_property
    def word_count(self) -> int:
        """Words in the main content, headings included."""
        return sum(self.block_words)

    @cached_property
    def paragraph_words(self) -> list[int]:
        """Word count of each <p> of the content (headings inside excluded)."""
        counts = [0] * self.doc.content.paragraphs
        for block, count in zip(self.doc.content.blocks, self.block_words, strict=True):
            if block.paragraph >= 0 and not block.heading:
                counts[block.paragraph] += count
        return counts
