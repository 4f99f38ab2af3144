"""Word and sentence splitting, syllable counting and readability formulas."""

import re
from operator import add

#: A word: a letter or digit followed by letters, digits, apostrophes, hyphens.
WORD_RE = re.compile(r"[^\W_][\w'’-]*")
# The same for pure-ASCII text (same matches there, about a third faster).
_ASCII_WORD_RE = re.compile(WORD_RE.pattern, re.ASCII)


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a set."""
    return frozenset(text.split())


#: Abbreviations whose final "." does not end a sentence (any letter case).
ABBREVIATIONS = word_set(
    """
    mr mrs ms dr prof st sr jr vs etc cf al approx dept fig inc ltd co corp
    vol pp ch jan feb apr jun jul aug sep sept oct nov dec
    mme mlle mgr pr env av bd
    """
)
_CLOSERS = "\"'”’»)\\]"


def _abbreviation_lookbehinds() -> str:
    # Look-behinds must be fixed-width: one per abbreviation length.
    by_length: dict[int, list[str]] = {}
    for abbreviation in sorted(ABBREVIATIONS):
        by_length.setdefault(len(abbreviation), []).append(abbreviation)
    return "".join(
        rf"(?<!\b(?:{'|'.join(group)})\.)" for _length, group in sorted(by_length.items())
    )


# A sentence break: ".", "!", "?" or "…" and up to two closing quotes or
# brackets (captured, to stay with the sentence; French "»" may follow a
# space), then spaces followed by anything but a lower-case letter. Not after
# initials ("J. K.", but "I." ends a sentence), dotted abbreviations ("e.g.",
# "U.S.") or ABBREVIATIONS.
# It starts with a character class so the regex engine scans quickly.
_SENTENCE_BREAK_RE = re.compile(
    r"([.!?…]"
    r"(?<!\b[^\W\d_I]\.)"
    rf"(?i:{_abbreviation_lookbehinds()})"
    rf"(?:[{_CLOSERS}]|\s»){{0,2}})"
    r"\s+(?=[^\sa-zß-öø-ÿœ»])"
)
_ASCII_SENTENCE_BREAK_RE = re.compile(_SENTENCE_BREAK_RE.pattern, re.ASCII)


def words(text: str) -> list[str]:
    """Return the words of ``text``."""
    return (_ASCII_WORD_RE if text.isascii() else WORD_RE).findall(text)


def count_words(text: str) -> int:
    """Return the number of words in ``text``."""
    return len(words(text))


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (and closing quotes)
    followed by a space and anything but a lower-case letter. Initials
    ("J. K."), dotted abbreviations ("e.g.") and common abbreviations ("Dr.",
    "Mme.") do not end a sentence.
    """
    # split() alternates sentence text and its captured closing punctuation.
    text = text.strip()
    parts = (_ASCII_SENTENCE_BREAK_RE if text.isascii() else _SENTENCE_BREAK_RE).split(text)
    sentences = list(map(add, parts[:-1:2], parts[1::2]))
    sentences.append(parts[-1])
    return list(filter(None, sentences))


# --- English syllables -------------------------------------------------------

_EN_EXCEPTIONS = {
    "area": 3,
    "business": 2,
    "every": 2,
    "eye": 1,
    "eyes": 1,
    "hundred": 2,
    "idea": 3,
    "ideas": 3,
    "naked": 2,
    "people": 2,
    "poem": 2,
    "poet": 2,
    "quiet": 2,
    "recipe": 3,
    "sacred": 2,
    "science": 2,
    "simile": 3,
    "wicked": 2,
    "client": 2,
    "clients": 2,
}
_EN_NON_LETTERS = re.compile(r"[^a-z]")
_EN_Y_CONSONANT = re.compile(r"y(?=[aeiou])")
_EN_EVERY = re.compile(r"^every")
# One match per vowel group, plus an empty match wherever a vowel pair is
# usually spoken as two syllables or an ending adds one: "usual", "radio",
# "medium", "media", "being", "tourism", "happier", "video", "geography",
# "audience", "create", "react".
_EN_SYLLABLE_RE = re.compile(
    r"(?=u(?<![qg]u)a|i(?<![tscgxnl]i)o|iu|i(?<![ctgs]i)a|[aeiou]ing$|ism$"
    r"|i(?<![aeiou]i)(?:er|est)$|e(?<![pgm]e)o|g(?<![a-z]g)eo"
    r"|i(?<![cst]i)en(?:ce|t)|crea|r(?<![a-z]r)ea(?=ct))"
    r"|[aeiouy]+"
)
# A silent "e" before a suffix: "completely", "careful", "movement".
_EN_SILENT_E = re.compile(r"[^aeiou]e(?:ly|ful|ment|ness|less)$")
_EN_SILENT_E_SUFFIXES = ("ly", "ful", "ment", "ness", "less")
_EN_VOWELS = frozenset("aeiouy")
_EN_SIBILANT_ES = ("ses", "xes", "zes", "ches", "shes", "ces", "ges")


def syllables_en(word: str) -> int:
    """Estimate the syllables of an English word (vowel-group heuristic)."""
    if "-" in word:
        return sum(syllables_en(part) for part in word.split("-") if part) or 1
    w = word.lower()
    if not (w.isascii() and w.isalpha()):
        w = _EN_NON_LETTERS.sub("", w)
    if len(w) <= 3:
        return 1
    if w in _EN_EXCEPTIONS:
        return _EN_EXCEPTIONS[w]
    if "y" in w:
        w = _EN_EVERY.sub("evry", _EN_Y_CONSONANT.sub("j", w))
    count = len(_EN_SYLLABLE_RE.findall(w))
    if w.endswith(_EN_SILENT_E_SUFFIXES) and _EN_SILENT_E.search(w):
        count -= 1
    if len(w) > 4 and w.startswith("some") and w[4] not in _EN_VOWELS:  # "some-thing"
        count -= 1
    last, before = w[-1], w[-2]
    if last == "e":
        if before not in _EN_VOWELS and not (before in "lr" and w[-3] not in _EN_VOWELS):
            count -= 1
    elif w.endswith("es"):
        third = w[-3]
        if third not in _EN_VOWELS and not (
            w.endswith(_EN_SIBILANT_ES)
            or (third in "lr" and len(w) > 3 and w[-4] not in _EN_VOWELS)
        ):
            count -= 1
    elif w.endswith("ed"):
        third = w[-3]
        if third not in _EN_VOWELS and third not in "td":
            count -= 1
    return max(1, count)


# --- French syllables --------------------------------------------------------

_FR_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
_FR_VOWEL_SET = frozenset(_FR_VOWELS)
_FR_NON_LETTERS = re.compile(rf"[^a-z{_FR_VOWELS}çñ]")
_FR_GU = re.compile(r"gu(?=[eiéèêëîy])")
# One match per vowel group, plus an empty match at the start of a group (or
# before it) wherever a new syllable starts inside it: a diaeresis ("na-ïf"),
# "é" before a spoken vowel ("ré-a-li-té", "cré-er" but not "i-dée"), "a"/"o"
# before "é"/"è" ("a-é-ro-port", "po-ème"), "y" between vowels ("vo-ya-ge"),
# "i" after a consonant and "l"/"r" ("cli-ent", "pri-ère") and infinitives
# in "-uer" ("jou-er").
_FR_SYLLABLE_RE = re.compile(
    rf"(?=[{_FR_VOWELS}]+?[ïëü]"
    r"|é(?:[aiouàâèéêîôû]|e(?!s?$|nt$))"
    r"|[ao][éè]"
    r"|[aeiou]y[aeiouéè]"
    r"|(?<=[bcdfgkptv][lr])i[aeoéèu]"
    r"|[aeiou]?uer$)"
    rf"|[{_FR_VOWELS}]+"
)
# Mute "e" in "-ement" after a single consonant: "seule-ment", "rapide-ment".
_FR_MUTE_EMENT = re.compile(rf"[{_FR_VOWELS}][^{_FR_VOWELS}]ement$")
_FR_EXCEPTIONS = {"pays": 2, "paysan": 3, "paysage": 3, "abbaye": 3}
# Words ending in "-ent" where the ending is pronounced (not a plural verb).
_FR_SPOKEN_ENT = word_set(
    """
    absent accent accident adolescent agent ardent argent cent client content
    dent différent équivalent évident excellent fréquent incident innocent
    intelligent lent parent patient permanent président présent prudent récent
    serpent souvent talent torrent urgent vent violent
    """
)
# Plural verbs ending in "-ment" whose "-ent" is silent ("ils aiment").
_FR_SILENT_MENT = word_set(
    """
    aiment affirment animent calment confirment dorment estiment expriment
    ferment forment impriment informent sèment suppriment transforment
    """
)


def syllables_fr(word: str) -> int:
    """Estimate the spoken syllables of a French word.

    Vowel groups ("eau", "ou", "oi", "ai"…) count once; a final mute "e",
    "es" and the "-ent" of plural verbs are not counted.
    """
    if "-" in word:
        return sum(syllables_fr(part) for part in word.split("-") if part) or 1
    w = word.lower()
    if not w.isalpha():
        w = _FR_NON_LETTERS.sub("", w)
    if not w:
        return 1
    if w in _FR_EXCEPTIONS:
        return _FR_EXCEPTIONS[w]
    original = w
    if "u" in w:  # "qu" and "gu" before e/i are consonants: "quelque", "guerre"
        w = w.replace("qu", "q")
        if "gu" in w:
            w = _FR_GU.sub("g", w)
    count = len(_FR_SYLLABLE_RE.findall(w))
    if count <= 1:
        return 1
    if w[-1] == "e":
        if w[-2] not in _FR_VOWEL_SET:
            count -= 1
    elif w.endswith("es"):
        if w[-3] not in _FR_VOWEL_SET:
            count -= 1
    elif w.endswith("ent") and len(w) > 4 and w[-4] not in _FR_VOWEL_SET:
        if w.endswith("ment"):
            if original in _FR_SILENT_MENT or _FR_MUTE_EMENT.search(w):
                count -= 1
        elif original not in _FR_SPOKEN_ENT:
            count -= 1
    return max(1, count)


def count_syllables(word: str, language: str) -> int:
    """Syllables of ``word`` in ``language`` ("fr"; anything else is English)."""
    if language == "fr":
        return syllables_fr(word)
    return syllables_en(word)


#: Memoised syllable counts per language; cleared when it grows past the limit.
_SYLLABLE_CACHES: dict[str, dict[str, int]] = {"en": {}, "fr": {}}
SYLLABLE_CACHE_LIMIT = 100_000


def total_syllables(words: list[str], language: str) -> int:
    """Sum of the syllables of ``words``, memoised (most words repeat)."""
    language = "fr" if language == "fr" else "en"
    cache = _SYLLABLE_CACHES[language]
    try:
        return sum(map(cache.__getitem__, words))
    except KeyError:
        pass
    counter = syllables_fr if language == "fr" else syllables_en
    counts = {}
    for word in set(words):
        known = cache.get(word)
        counts[word] = counter(word) if known is None else known
    if len(cache) > SYLLABLE_CACHE_LIMIT:
        cache.clear()
    cache.update(counts)
    # Sum from the local counts: another thread may clear the shared cache.
    return sum(map(counts.__getitem__, words))


def clear_caches() -> None:
    """Forget memoised syllable counts."""
    for cache in _SYLLABLE_CACHES.values():
        cache.clear()


# --- Readability -------------------------------------------------------------

SUPPORTED_LANGUAGES = ("en", "fr")


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    """Flesch Reading Ease: 206.835 − 1.015·ASL − 84.6·ASW."""
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def kandel_moles(words: int, sentences: int, syllables: int) -> float:
    """Kandel–Moles (French Flesch): 207 − 1.015·ASL − 73.6·ASW."""
    return 207 - 1.015 * (words / sentences) - 73.6 * (syllables / words)


def reading_ease(language: str, words: int, sentences: int, syllables: int) -> float:
    """The reading-ease formula for ``language`` ("en" or "fr")."""
    formula = kandel_moles if language == "fr" else flesch_reading_ease
    return formula(words, sentences, syllables)
