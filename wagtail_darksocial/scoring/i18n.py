"""Translation helpers for the scoring core, without importing Django.

Messages are marked with :func:`gettext_noop` so that Django's ``makemessages``
(which passes ``--keyword=gettext_noop``) extracts them into the plugin's
``django.po`` catalog. At report time they are translated with the compiled
``django.mo`` catalog through the standard library :mod:`gettext` module.
"""

import gettext
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "django"
DEFAULT_LANGUAGE = "en"


def gettext_noop(message: str) -> str:
    """Mark ``message`` for translation without translating it."""
    return message


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


def translate(language: str | None, message: str, params: dict | None = None) -> str:
    """Translate ``message`` and interpolate its ``%(name)s`` placeholders.

    A translation with broken placeholders falls back to the English text.
    """
    params = params or {}
    if not message:
        return ""
    try:
        return translator(language).gettext(message) % params
    except (KeyError, ValueError, TypeError):
        try:
            return message % params
        except (KeyError, ValueError, TypeError):
            return message
