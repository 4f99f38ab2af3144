"""Test settings with one app left out (named by DARKSOCIAL_DROP_APP), for system checks."""

import os

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != os.environ["DARKSOCIAL_DROP_APP"]]
