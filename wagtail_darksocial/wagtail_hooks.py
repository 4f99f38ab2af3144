"""Wagtail hook registrations only; the code they register lives in its own modules."""

from wagtail import hooks  # noqa: F401
