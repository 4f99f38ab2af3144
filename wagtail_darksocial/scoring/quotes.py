"""Find short, self-contained sentences that make good quotes to share."""

from .text import word_set

MIN_QUOTE_WORDS = 8
MAX_QUOTE_WORDS = 25
MAX_QUOTES = 3

#: First words that point back to earlier text, so the sentence needs context.
CONTEXT_OPENERS = {
    "en": word_set(
        """
        this that these those it its they them their theirs he she him his her
        hers but and or nor so yet however also then thus therefore hence
        because which such meanwhile moreover furthermore besides still instead
        otherwise another again finally additionally similarly likewise
        consequently nevertheless nonetheless although though plus anyway
        """
    ),
    "fr": word_set(
        """
        il elle ils elles lui leur leurs son sa ses cela ceci ça ce cet cette
        ces celui celle ceux celles mais et ou donc or car cependant pourtant
        toutefois néanmoins ainsi alors puis ensuite enfin aussi sinon là
        également c'est c'était ç'est d'ailleurs
        """
    ),
}
#: Multi-word openers that also need context.
CONTEXT_PHRASES = {
    "en": (
        "for example",
        "for instance",
        "in addition",
        "as a result",
        "on the other hand",
        "in other words",
        "at the same time",
        "in this case",
        "in that case",
    ),
    "fr": (
        "en effet",
        "par ailleurs",
        "de plus",
        "en outre",
        "par exemple",
        "c'est pourquoi",
        "en revanche",
        "au contraire",
        "du coup",
        "dans ce cas",
    ),
}
#: Words typical of punchy, quotable statements; they raise a sentence's rank.
STRONG_WORDS = {
    "en": word_set(
        """
        must never always every everyone nobody nothing only best worst need
        needs matter matters change changes build builds win wins lose loses
        prove proves truth true power future fail fails succeed
        """
    ),
    "fr": word_set(
        """
        jamais toujours doit doivent faut chaque tous toutes personne rien seul
        seule seuls mieux pire vérité vrai change changent avenir réussir
        échouer construire gagner perdre
        """
    ),
}


def _spellings(words) -> frozenset[str]:
    """``words`` as written at the start of a sentence or inside it.

    Lower case, capitalised and upper case, with either apostrophe, so the hot
    loop can look tokens up without lower-casing them.
    """
    forms = set()
    for word in words:
        for form in (word, word.capitalize(), word.upper()):
            forms.update((form, form.replace("'", "’")))
    return frozenset(forms)


_OPENER_FORMS = {language: _spellings(words) for language, words in CONTEXT_OPENERS.items()}
_PHRASE_START_FORMS = {
    language: _spellings(phrase.split()[0] for phrase in phrases)
    for language, phrases in CONTEXT_PHRASES.items()
}
_STRONG_FORMS = {language: _spellings(words) for language, words in STRONG_WORDS.items()}
_ENDINGS = frozenset(".!?")
_MAX_TOKENS = MAX_QUOTE_WORDS * 3 // 2  # digits may add tokens, see the "mostly numbers" rule

_CLOSERS = "\"'”’»)] "
_OPENING_MARKS = "\"'“‘«([ "


def _language(language: str | None) -> str:
    return "fr" if language == "fr" else "en"


def _quotable(text: str, tokens: list[str], language: str) -> bool:
    # Cheap tests first: most sentences fail one of them.
    count = len(tokens)
    if not MIN_QUOTE_WORDS <= count <= _MAX_TOKENS:
        return False
    body = text.rstrip(_CLOSERS)
    if not body or body[-1] not in _ENDINGS or body.endswith("..."):
        return False
    if not text.lstrip(_OPENING_MARKS)[:1].isupper():
        return False
    first = tokens[0]
    if first in _OPENER_FORMS[language]:
        return False
    words = count - sum(map(str.isdigit, tokens))
    if not MIN_QUOTE_WORDS <= words <= MAX_QUOTE_WORDS or words * 3 < count * 2:
        return False  # too short, too long, or mostly numbers
    if "http" in text or "www." in text or text.count("(") != text.count(")"):
        return False
    if first not in _PHRASE_START_FORMS[language]:
        return True
    opening = " ".join(tokens[:4]).lower().replace("’", "'") + " "
    return not any(opening.startswith(phrase + " ") for phrase in CONTEXT_PHRASES[language])


def find_quotes(sentences, language: str | None) -> list[str]:
    """All quotable sentences, best first, without duplicates.

    ``sentences`` are ``(text, words, in_blockquote)`` tuples. Sentences in a
    <blockquote> rank first, then ones with strong words ("never", "must"…),
    then ones of 10 to 20 words; ties keep document order.
    """
    language = _language(language)
    strong = _STRONG_FORMS[language]
    found = []
    seen = set()
    for index, (text, tokens, quote) in enumerate(sentences):
        if not _quotable(text, tokens, language) or text in seen:
            continue
        seen.add(text)
        score = 3 if quote else 0
        if not strong.isdisjoint(tokens):
            score += 1
        if 10 <= len(tokens) <= 20:
            score += 1
        found.append((-score, index, text))
    found.sort()
    return [text for _score, _index, text in found]
