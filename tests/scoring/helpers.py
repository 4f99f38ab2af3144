"""Builders for crafted pages used by the scoring tests."""

from wagtail_darksocial.scoring import analyse

FILLER = "Plain words fill this sentence so that the counts stay easy to predict."


def words(count: int, word: str = "word") -> str:
    """``count`` copies of ``word`` separated by spaces (no sentence breaks)."""
    return " ".join([word] * count)


def sentence(count: int) -> str:
    """A sentence of exactly ``count`` words ending with a full stop."""
    return "Alpha " + " ".join(["beta"] * (count - 1)) + "."


def page(head: str = "", body: str = "", lang: str | None = "en") -> str:
    """A complete HTML document with ``head`` and ``body`` inserted."""
    lang_attr = f' lang="{lang}"' if lang is not None else ""
    return f"<!DOCTYPE html><html{lang_attr}><head>{head}</head><body>{body}</body></html>"


def meta(name: str, content: str, attr: str = "property") -> str:
    return f'<meta {attr}="{name}" content="{content}">'


def check(html: str, check_id: str, **kwargs):
    """Analyse ``html`` and return the check with ``check_id``."""
    result = analyse(html, **kwargs).get(check_id)
    assert result is not None, check_id
    return result
