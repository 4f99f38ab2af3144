"""Translation helpers for the scoring core, without importing Django.

Messages are marked with :func:`gettext_noop` so that Django's ``makemessages``
(which passes ``--keyword=gettext_noop``) extracts them into the plugin's
``django.po`` catalog. At report time they are translated with the compiled
``django.mo`` catalog through the standard library :mod:`gettext` module.
"""

import gettext
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "django"
DEFAULT_LANGUAGE = "en"


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it."""
    return message


class Plural(NamedTuple):
    """A message with a plural form, chosen by the number in ``params[key]``."""

    singular: str
    plural: str
    key: str


class Msgid(str):
    """A placeholder value that is itself a message, translated with the rest."""


def ngettext(singular: str, plural: str, key: str) -> Plural:
    """Mark a plural message for translation (``makemessages`` extracts ``ngettext``).

    Unlike the standard ``ngettext`` it takes the *name* of the number's placeholder,
    since the number is only known when the check runs.
    """
    return Plural(singular, plural, key)


#: Decimal and thousands separators per language (CLDR, as Django's formats use them).
#: Thousands are grouped only from 10,000, as French and English style guides advise.
SEPARATORS = {"fr": (",", "\u202f"), "de": (",", "."), "es": (",", "."), "it": (",", ".")}
DEFAULT_SEPARATORS = (".", ",")


def format_number(value, language: str | None) -> str:
    """``value`` written in ``language``'s way: ``-30.7`` in English, ``-30,7`` in French."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    decimal, thousands = SEPARATORS.get((language or "").split("-")[0][:2], DEFAULT_SEPARATORS)
    text = f"{value:,}" if abs(value) >= 10_000 else str(value)
    return text.translate({ord(","): thousands, ord("."): decimal})


def to_locale(language: str) -> str:
    """Turn a language code such as ``"pt-br"`` into a locale name (``"pt_BR"``)."""
    language = language.strip().replace("_", "-")
    lang, _, country = language.partition("-")
    if not country:
        return lang.lower()
    country = country.title() if len(country) > 2 else country.upper()
    return f"{lang.lower()}_{country}"


@lru_cache(maxsize=32)
def translator(language: str | None) -> gettext.NullTranslations:
    """Return a cached translations object for ``language``.

    Falls back to the untranslated (English) strings when no catalog exists.
    """
    try:
        return gettext.translation(
            DOMAIN,
            localedir=str(LOCALE_DIR),
            languages=[to_locale(language or DEFAULT_LANGUAGE)],
            fallback=True,
        )
    except Exception:  # a broken .mo file must not break scoring
        return gettext.NullTranslations()


def translate(language: str | None, message, params: dict | None = None) -> str:
    """Translate ``message`` (a string or a :class:`Plural`) and fill its placeholders.

    Numbers are written the way ``language`` writes them. A translation with broken
    placeholders falls back to the English text.
    """
    params = params or {}
    if not message:
        return ""
    catalog = translator(language)
    shown = {
        key: catalog.gettext(value) if isinstance(value, Msgid) else format_number(value, language)
        for key, value in params.items()
    }
    if isinstance(message, Plural):
        count = params.get(message.key, 0)
        count = count if isinstance(count, int) else 0
        english = message.singular if count == 1 else message.plural
        translated = catalog.ngettext(message.singular, message.plural, count)
    else:
        english = message
        translated = catalog.gettext(message)
    try:
        return translated % shown
    except (KeyError, ValueError, TypeError):
        try:
            return english % shown
        except (KeyError, ValueError, TypeError):
            return english
