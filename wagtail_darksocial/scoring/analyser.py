"""The ``analyse`` entry point: parse once, run every check, never raise."""

import re
from collections.abc import Callable

from .checks import CHECKS
from .checks.base import Outcome
from .context import AnalysedPage
from .document import Document, parse
from .i18n import gettext_noop, translate
from .report import (
    ARTICLE,
    PROFILES,
    STATUSES,
    UNKNOWN,
    Check,
    ImageInfo,
    PageFields,
    Report,
    compute_score,
)

_PRIMARY_LANGUAGE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")

CHECK_FAILED = gettext_noop("This check could not be completed for this page.")


def normalise_language(code: str | None) -> str | None:
    """``"fr-FR"`` → ``"fr"``; ``None`` for anything that is not a language tag."""
    if not code or not isinstance(code, str):
        return None
    match = _PRIMARY_LANGUAGE.match(code)
    return match.group(1).lower() if match else None


def _run(spec, page: AnalysedPage, ui_language: str | None) -> Check:
    try:
        outcome = spec.func(page)
        if outcome.status not in STATUSES:
            raise ValueError(outcome.status)
    except Exception:
        outcome = Outcome(UNKNOWN, None, CHECK_FAILED)
    value = outcome.value
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return Check(
        id=spec.id,
        status=outcome.status,
        value=value,
        message=translate(ui_language, outcome.message, outcome.params),
        fix=translate(ui_language, outcome.fix, outcome.params),
        weight=spec.weight,
        display=translate(ui_language, spec.unit, {"value": value})
        if spec.unit and number
        else "",
        field=outcome.field,
        group=outcome.group,
    )


def analyse(
    html: str | bytes,
    *,
    url: str | None = None,
    language: str | None = None,
    ui_language: str | None = None,
    image_info: Callable[[str], ImageInfo | None] | None = None,
    fields: PageFields | None = None,
    profile: str = ARTICLE,
) -> Report:
    """Score how well a rendered page will travel when shared.

    :param html: the rendered page, as text or bytes.
    :param url: the page's address, used to resolve relative URLs.
    :param language: the content language; defaults to ``<html lang>``.
    :param ui_language: the language of messages and fixes (default English).
    :param image_info: optional ``callable(url) -> ImageInfo | None`` measuring
        images the caller can see locally; the analyser itself never fetches.
    :param fields: what the editor typed (the title without the site's suffix).
    :param profile: ``"article"`` or ``"listing"``; listing pages skip prose checks.
    :returns: a :class:`Report`; it never raises, whatever the input.
    """
    try:
        doc = parse(html)
    except Exception:
        doc = Document()
    try:
        content_language = normalise_language(language) or normalise_language(doc.html_lang)
    except Exception:
        content_language = None
    page = AnalysedPage(
        doc, url=url, language=content_language, image_info=image_info, fields=fields
    )
    profile = profile if profile in PROFILES else ARTICLE
    checks = [_run(spec, page, ui_language) for spec in CHECKS if profile in spec.profiles]
    return Report(
        score=compute_score(checks), checks=checks, language=content_language, profile=profile
    )
