"""The install contract: the app, its system checks and its documented settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from wagtail_darksocial.conf import reference_table

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def darksocial_ids(messages):
    return sorted(m.id for m in messages if m.id.startswith("wagtail_darksocial."))


def test_example_site_passes_checks():
    assert darksocial_ids(run_checks()) == []


@pytest.mark.parametrize(
    ("app", "code"),
    [
        ("rest_framework", "wagtail_darksocial.E001"),
        ("wagtail.contrib.settings", "wagtail_darksocial.E002"),
    ],
)
def test_missing_app_is_reported_with_a_hint(app, code):
    # A separate process: reloading Wagtail's app registry in-process is not supported.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.broken_settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        cwd=ROOT,
        env={**env, "DARKSOCIAL_DROP_APP": app},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert code in result.stderr
    assert f'HINT: Add "{app}" to INSTALLED_APPS' in result.stderr


@override_settings(ROOT_URLCONF="tests.urlconfs.missing")
def test_missing_url_include_is_reported():
    messages = [m for m in run_checks() if m.id == "wagtail_darksocial.E003"]
    assert len(messages) == 1
    assert 'include("wagtail_darksocial.urls")' in messages[0].hint
    with pytest.raises(SystemCheckError, match="E003"):
        call_command("check")


@override_settings(ROOT_URLCONF="tests.urlconfs.wrong_order")
def test_include_after_wagtails_catch_all_is_reported():
    assert darksocial_ids(run_checks()) == ["wagtail_darksocial.E004"]


@override_settings(WAGTAIL_DARKSOCIAL={"NO_SUCH_KEY": 1})
def test_unknown_setting_is_a_warning():
    assert darksocial_ids(run_checks()) == ["wagtail_darksocial.W001"]


@override_settings(WAGTAIL_DARKSOCIAL=["not", "a", "dict"])
def test_setting_must_be_a_dict():
    assert darksocial_ids(run_checks()) == ["wagtail_darksocial.E005"]


def test_readme_configuration_reference_matches_conf():
    assert reference_table() in README.read_text(encoding="utf-8"), (
        "README's configuration table is stale: paste `python -m wagtail_darksocial.conf`"
    )
