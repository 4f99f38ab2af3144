import pytest

from wagtail_darksocial.scoring.text import (
    count_syllables,
    count_words,
    flesch_reading_ease,
    kandel_moles,
    split_sentences,
    total_syllables,
    words,
)


def test_words():
    assert words("Don't stop — it's well-known, l'homme 3.5 _x_ aujourd'hui!") == [
        "Don't",
        "stop",
        "it's",
        "well-known",
        "l'homme",
        "3",
        "5",
        "x_",
        "aujourd'hui",
    ]
    assert count_words("  ") == 0
    assert count_words("Un deux trois.") == 3


@pytest.mark.parametrize(
    "text,expected",
    [
        ("One. Two! Three? Four… Five", ["One.", "Two!", "Three?", "Four…", "Five"]),
        ('He said "Stop." Then left.', ['He said "Stop."', "Then left."]),
        ("Ask Dr. Smith. Or Mr. Jones.", ["Ask Dr. Smith.", "Or Mr. Jones."]),
        ("J. K. Rowling wrote it. Yes.", ["J. K. Rowling wrote it.", "Yes."]),
        ("Use e.g. this. And i.e. that.", ["Use e.g. this.", "And i.e. that."]),
        ("The U.S. Army came. It left.", ["The U.S. Army came.", "It left."]),
        ("It costs 3.5 euros. Cheap.", ["It costs 3.5 euros.", "Cheap."]),
        ("Wait... what? Nothing.", ["Wait... what?", "Nothing."]),
        ("Mme. Dupont arrive. Voilà !", ["Mme. Dupont arrive.", "Voilà !"]),
        ("C'est fini. « Vraiment ? » Oui.", ["C'est fini.", "« Vraiment ? »", "Oui."]),
        ("(See the note.) Next one.", ["(See the note.)", "Next one."]),
        ("In 2024. 2025 was better.", ["In 2024.", "2025 was better."]),
        (
            "He told me. Then I left. So did I. Fine.",
            ["He told me.", "Then I left.", "So did I.", "Fine."],
        ),
        ("Il est là. Elle aussi. Ça va.", ["Il est là.", "Elle aussi.", "Ça va."]),
        (
            "Dear Prof. Smith, see ch. 3 and pp. 4–5. Thanks.",
            ["Dear Prof. Smith, see ch. 3 and pp. 4–5.", "Thanks."],
        ),
        ("", []),
        ("No ending", ["No ending"]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_formulas():
    # 100 words, 5 sentences, 150 syllables.
    assert flesch_reading_ease(100, 5, 150) == pytest.approx(206.835 - 1.015 * 20 - 84.6 * 1.5)
    assert flesch_reading_ease(100, 5, 150) == pytest.approx(59.635)
    assert kandel_moles(100, 5, 150) == pytest.approx(207 - 20.3 - 110.4)


def test_total_syllables_matches_single_word_counts():
    sample = ["readers", "share", "readers", "beautiful", "the"]
    assert total_syllables(sample, "en") == 2 + 1 + 2 + 3 + 1
    assert total_syllables(sample, "en") == sum(count_syllables(w, "en") for w in sample)
    french = ["lecteurs", "partagent", "table"]
    assert total_syllables(french, "fr") == 2 + 2 + 1
    assert total_syllables([], "fr") == 0


def test_syllable_memo_is_bounded(monkeypatch):
    from wagtail_darksocial.scoring import text

    monkeypatch.setattr(text, "SYLLABLE_CACHE_LIMIT", 10)
    text.clear_caches()
    for index in range(30):
        batch = [f"word{index}x{n}" for n in range(5)] + ["readers"]
        assert total_syllables(batch, "en") == sum(count_syllables(w, "en") for w in batch)
        assert len(text._SYLLABLE_CACHES["en"]) <= 10 + len(batch)
    text.clear_caches()
    assert text._SYLLABLE_CACHES == {"en": {}, "fr": {}}


def test_ascii_fast_paths_match_the_unicode_patterns():
    import random
    import string

    from wagtail_darksocial.scoring import text

    rng = random.Random(3)
    alphabet = string.ascii_letters + string.digits + " .!?'-_()\"\n\t,;:" * 3
    for _ in range(2000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        assert text._ASCII_WORD_RE.findall(sample) == text.WORD_RE.findall(sample)
        assert text._ASCII_SENTENCE_BREAK_RE.split(sample) == text._SENTENCE_BREAK_RE.split(sample)
