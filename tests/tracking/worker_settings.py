"""Settings for the worker test: the bench site on ``WORKER_DATABASE_URL``, with
django-tasks-db's database backend, so a separate ``db_worker`` process runs the tasks."""

import os

os.environ.setdefault("BENCH_DATABASE_URL", os.environ["WORKER_DATABASE_URL"])

from bench.tracking_settings import *  # noqa: E402, F403
from bench.tracking_settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAIL_DARKSOCIAL = {
    "ROLLUP_CHUNK_EVENTS": int(os.environ.get("WORKER_CHUNK", "2000")),
    "SCORE_ON_PUBLISH": False,
}
