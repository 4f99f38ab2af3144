"""Background tasks (django-tasks): queue them with ``rollup_task.enqueue()``.

Schedule ``rollup_task`` as often as the dashboard should be fresh (e.g. every 15
minutes) and ``prune_task`` daily, from cron or your task runner's scheduler. Both hold
the rollup lock (``tracking.locks``, taken by ``rollup()`` and ``prune()``): one
waits while the other runs.
"""

import datetime

from django.utils import timezone
from django_tasks import task

from .rollups import prune, rollup


@task()
def rollup_task(days=None):
    """Recompute rollups for the last ``days`` days (default: the whole retention)."""
    start_day = None
    if days is not None:
        start_day = timezone.localdate() - datetime.timedelta(days=max(1, days) - 1)
    return rollup(start_day=start_day).summary()


@task()
def prune_task(days=None):
    """Delete raw events older than ``days`` (default: ``RAW_EVENT_RETENTION_DAYS``)."""
    return prune(days).summary()
