import pytest

from .helpers import check, page, sentence, words


def article(*parts: str, lang: str | None = "en") -> str:
    return page(body="<main>" + "".join(parts) + "</main>", lang=lang)


def p(text: str) -> str:
    return f"<p>{text}</p>"


# --- headline ---------------------------------------------------------------


@pytest.mark.parametrize(
    "count,status",
    [
        (3, "poor"),
        (4, "ok"),
        (5, "ok"),
        (6, "good"),
        (12, "good"),
        (13, "ok"),
        (15, "ok"),
        (16, "poor"),
    ],
)
def test_headline_length(count, status):
    result = check(page(body=f"<h1>{words(count)}</h1>"), "headline")
    assert (result.status, result.value) == (status, count)


def test_headline_missing_empty_and_multiple():
    assert check(page(body="<p>Text.</p>"), "headline").status == "poor"
    assert check(page(body="<h1> <span></span> </h1>"), "headline").status == "poor"
    two = check(page(body=f"<h1>{words(8)}</h1><h1>{words(8)}</h1>"), "headline")
    assert (two.status, two.value) == ("ok", 8)
    assert "2 main headlines" in two.message
    bad_two = check(page(body=f"<h1>{words(20)}</h1><h1>{words(8)}</h1>"), "headline")
    assert bad_two.status == "poor"


def test_headline_counts_h1_in_the_page_header_too():
    html = page(body=f"<header><h1>{words(8)}</h1></header><main>{p('Hi.')}</main>")
    assert check(html, "headline").status == "good"


# --- readability -----------------------------------------------------------

EASY_EN = "The cat sat on the mat."  # 6 words, 6 syllables
HARD_EN = "Information technology and international education create individual opportunity."
# information 4, technology 4, and 1, international 5, education 4, create 2,
# individual 5, opportunity 5: 8 words, 30 syllables.
HARD_EN_WORDS, HARD_EN_SYLLABLES = 8, 30

EASY_FR = "Le chat est sur la table."  # 6 words, 6 spoken syllables
HARD_FR = "Le gouvernement européen étudie rapidement la réalité internationale."
# le 1, gouvernement 4, européen 4, étudie 3, rapidement 3, la 1, réalité 4,
# internationale 5: 8 words, 25 syllables.
HARD_FR_WORDS, HARD_FR_SYLLABLES = 8, 25


def flesch(words_, sentences, syllables):
    return 206.835 - 1.015 * words_ / sentences - 84.6 * syllables / words_


def kandel_moles(words_, sentences, syllables):
    return 207 - 1.015 * words_ / sentences - 73.6 * syllables / words_


def mixed(easy: str, hard: str, easy_count: int, hard_count: int) -> str:
    return p(" ".join([easy] * easy_count + [hard] * hard_count))


@pytest.mark.parametrize(
    "easy,hard,status",
    [(10, 0, "good"), (9, 1, "good"), (8, 2, "ok"), (7, 3, "poor"), (0, 7, "poor")],
)
def test_readability_english(easy, hard, status):
    total_words = 6 * easy + HARD_EN_WORDS * hard
    syllables = 6 * easy + HARD_EN_SYLLABLES * hard
    expected = flesch(total_words, easy + hard, syllables)
    result = check(article(mixed(EASY_EN, HARD_EN, easy, hard)), "readability")
    assert result.value == pytest.approx(expected, abs=0.05)
    assert result.status == status


def test_readability_english_hand_computed_values():
    # 10 × "The cat sat on the mat.": 206.835 − 1.015 × 6 − 84.6 × 1 = 116.145
    assert check(article(mixed(EASY_EN, HARD_EN, 10, 0)), "readability").value == 116.1
    # 8 easy + 2 hard: 64 words, 10 sentences, 108 syllables → 57.58
    result = check(article(mixed(EASY_EN, HARD_EN, 8, 2)), "readability")
    assert result.value == 57.6
    assert "Flesch" in result.message


@pytest.mark.parametrize(
    "easy,hard,status",
    [(10, 0, "good"), (7, 3, "good"), (6, 4, "ok"), (5, 5, "poor"), (0, 7, "poor")],
)
def test_readability_french(easy, hard, status):
    total_words = 6 * easy + HARD_FR_WORDS * hard
    syllables = 6 * easy + HARD_FR_SYLLABLES * hard
    expected = kandel_moles(total_words, easy + hard, syllables)
    html = article(mixed(EASY_FR, HARD_FR, easy, hard), lang="fr-FR")
    result = check(html, "readability")
    assert result.value == pytest.approx(expected, abs=0.05)
    assert result.status == status


def test_readability_french_hand_computed_values():
    # 10 × "Le chat est sur la table.": 207 − 1.015 × 6 − 73.6 × 1 = 127.31
    html = article(mixed(EASY_FR, HARD_FR, 10, 0), lang="fr")
    assert check(html, "readability").value == 127.3
    # 6 easy + 4 hard: 68 words, 10 sentences, 136 syllables → 52.9
    html = article(mixed(EASY_FR, HARD_FR, 6, 4), lang="fr")
    assert check(html, "readability").value == 52.9


def test_readability_language_comes_from_argument_or_html_lang():
    text = mixed(EASY_FR, HARD_FR, 6, 4)
    assert check(article(text, lang="en"), "readability", language="fr").value == 52.9
    assert check(article(text, lang=None), "readability").status == "unknown"
    assert check(article(text, lang="de"), "readability").status == "unknown"
    assert check(article(text, lang="en"), "readability", language="es").status == "unknown"


def test_readability_needs_fifty_words():
    seven = article(p(" ".join([EASY_EN] * 8)))  # 48 words
    assert check(seven, "readability").status == "unknown"
    enough = article(p(" ".join([EASY_EN] * 9)))  # 54 words
    assert check(enough, "readability").status == "good"


def test_readability_ignores_headings_navigation_and_scripts():
    text = mixed(EASY_EN, HARD_EN, 8, 2)
    noisy = page(
        body=f"<nav>{HARD_EN * 5}</nav><main><h2>{HARD_EN}</h2>{text}"
        f"<script>var a = '{HARD_EN}';</script><aside>{HARD_EN}</aside></main>"
        f"<footer>{HARD_EN}</footer>"
    )
    assert check(noisy, "readability").value == 57.6


# --- sentence length -------------------------------------------------------


def sentences(long: int, short: int) -> str:
    return p(" ".join([sentence(21)] * long + [sentence(20)] * short))


@pytest.mark.parametrize(
    "long,short,status,value",
    [
        (0, 5, "good", 0),
        (1, 3, "good", 25),
        (13, 37, "ok", 26),
        (7, 13, "ok", 35),
        (9, 16, "poor", 36),
        (1, 0, "poor", 100),
    ],
)
def test_sentence_length(long, short, status, value):
    result = check(article(sentences(long, short)), "sentence_length")
    assert (result.status, result.value) == (status, value)


def test_sentence_length_without_text_is_unknown():
    assert check(article(), "sentence_length").status == "unknown"


# --- paragraph length ------------------------------------------------------


@pytest.mark.parametrize(
    "sizes,status,value",
    [
        ([40, 150], "good", 150),
        ([151, 40], "ok", 151),
        ([151, 200, 10], "poor", 200),
    ],
)
def test_paragraph_length(sizes, status, value):
    html = article(*(p(words(size)) for size in sizes))
    result = check(html, "paragraph_length")
    assert (result.status, result.value) == (status, value)


def test_paragraph_length_counts_inline_markup_and_ignores_other_blocks():
    html = article(
        p(words(100) + " <a href='#'>" + words(51) + "</a>"), f"<div>{words(400)}</div>"
    )
    result = check(html, "paragraph_length")
    assert (result.status, result.value) == ("ok", 151)
    assert check(article("<div>no paragraphs</div>"), "paragraph_length").status == "unknown"


# --- subheadings -----------------------------------------------------------


@pytest.mark.parametrize(
    "runs,status,value",
    [
        ([299], "good", 299),  # short text needs no subheadings
        ([300, 300], "good", 300),
        ([301, 10], "ok", 301),
        ([100, 450], "ok", 450),
        ([451], "poor", 451),
    ],
)
def test_subheadings(runs, status, value):
    parts = []
    for index, run in enumerate(runs):
        if index:
            parts.append("<h2>A subheading here</h2>")
        parts.append(p(words(run)))
    result = check(article("<h1>Title of the page</h1>", *parts), "subheadings")
    assert (result.status, result.value) == (status, value)


def test_only_h2_to_h4_in_the_content_break_the_text():
    for tag in ("h3", "h4"):
        html = article(p(words(300)), f"<{tag}>Sub</{tag}>", p(words(300)))
        assert check(html, "subheadings").value == 300
    html = article(p(words(300)), "<h5>Minor</h5>", p(words(300)))
    assert check(html, "subheadings").value == 600
    html = article(p(words(300)), "<aside><h2>Related</h2></aside>", p(words(300)))
    assert check(html, "subheadings").status == "poor"


# --- image alt -------------------------------------------------------------


def images(with_alt: int, empty_alt: int = 0, missing: int = 0) -> str:
    return (
        '<img src="a.jpg" alt="A photo">' * with_alt
        + '<img src="b.jpg" alt="">' * empty_alt
        + '<img src="c.jpg">' * missing
    )


@pytest.mark.parametrize(
    "markup,status,value",
    [
        ("", "good", 0),
        (images(3), "good", 0),
        (images(2, empty_alt=2), "good", 0),
        (images(4, missing=1), "ok", 1),
        (images(3, missing=2), "poor", 2),
        (images(0, missing=1), "poor", 1),
    ],
)
def test_image_alt(markup, status, value):
    result = check(article(markup), "image_alt")
    assert (result.status, result.value) == (status, value)


def test_image_alt_only_counts_content_images():
    html = page(
        body='<header><img src="logo.png"></header><main>'
        + images(1)
        + '<img src="pixel.gif" width="1" height="1"></main>'
        + '<footer><img src="f.png"></footer>'
    )
    assert check(html, "image_alt").status == "good"


def test_image_alt_messages():
    one = check(article(images(4, missing=1)), "image_alt")
    assert one.message == (
        "1 of the 5 images in the content has no description (alt text missing or a file name)."
    )
    two = check(article(images(3, missing=2)), "image_alt")
    assert two.message == (
        "2 of the 5 images in the content have no description (alt text missing or a file name)."
    )


# --- word count ------------------------------------------------------------


@pytest.mark.parametrize(
    "count,status",
    [
        (0, "poor"),
        (299, "poor"),
        (300, "ok"),
        (599, "ok"),
        (600, "good"),
        (2500, "good"),
        (2501, "ok"),
    ],
)
def test_word_count(count, status):
    result = check(article(p(words(count))), "word_count")
    assert (result.status, result.value) == (status, count)


def test_word_count_includes_headings_but_not_page_chrome():
    html = page(
        body=f"<nav>{words(50)}</nav><main><h1>{words(10)}</h1>{p(words(590))}</main>"
        f"<footer>{words(50)}</footer>"
    )
    result = check(html, "word_count")
    assert (result.status, result.value) == ("good", 600)


# --- quotable --------------------------------------------------------------

QUOTES = [
    "Good design makes every shared link easier for readers to trust.",
    "Small teams can publish better stories when they measure what readers share.",
    "Readers remember one clear idea far longer than ten vague ones.",
]
NOT_QUOTES = [
    "It makes every shared link easier for readers to trust and enjoy.",
    "However, small teams can publish better stories when they measure shares.",
    "For example, readers remember one clear idea far longer than vague ones.",
    "Too short to quote.",
    "only lower case letters start this sentence so it cannot be a quote.",
    "This sentence has no ending punctuation so it is not a complete quote",
    "The numbers 2021 2022 2023 2024 2025 2026 2027 2028 2029 2030 2031 2032 2033 went up.",
    "Visit https://example.com to read every single word of the longer report today.",
]


def test_quotable_finds_self_contained_sentences():
    html = article(*map(p, NOT_QUOTES + QUOTES))
    result = check(html, "quotable")
    assert result.status == "good"
    assert result.value == QUOTES
    assert "3 short sentences" in result.message


def test_quotable_ok_and_poor():
    ok = check(article(*map(p, NOT_QUOTES + QUOTES[:1])), "quotable")
    assert (ok.status, ok.value) == ("ok", QUOTES[:1])
    assert ok.message == "The text has one short sentence that people can quote on its own."
    poor = check(article(*map(p, NOT_QUOTES)), "quotable")
    assert (poor.status, poor.value) == ("poor", [])
    assert poor.fix


def test_quotable_word_limits():
    for count, quotable in ((7, False), (8, True), (25, True), (26, False)):
        result = check(article(p(sentence(count))), "quotable")
        assert (result.value != []) is quotable, count


def test_quotable_prefers_blockquotes_and_strong_words_and_dedupes():
    plain = "Editors decide which stories deserve a place on the front page."
    strong = "Editors must decide which stories deserve a place on the front page."
    pulled = "A clear headline is worth more than a clever one to most readers."
    html = article(p(f"{plain} {plain} {strong}"), f"<blockquote><p>{pulled}</p></blockquote>")
    result = check(html, "quotable")
    assert result.value == [pulled, strong, plain]


def test_quotable_french_openers():
    good = "Les lecteurs partagent plus volontiers les articles qui racontent une histoire."
    bad = [
        "Il faut toujours écrire des titres courts et clairs pour tous les lecteurs.",
        "Cependant les lecteurs partagent plus volontiers les articles très courts.",
        "C'est une règle simple que chaque rédaction devrait suivre sans exception.",
        "En effet les lecteurs retiennent mieux une idée claire que dix idées floues.",
    ]
    result = check(article(p(" ".join([*bad, good])), lang="fr"), "quotable")
    assert result.value == [good]
