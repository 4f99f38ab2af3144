"""Background tasks (django-tasks): queue them with ``rollup_task.enqueue()``.

Schedule ``rollup_task`` as often as the dashboard should be fresh (e.g. every 15
minutes) and ``prune_task`` daily, from cron or your task runner's scheduler. Both hold
the rollup lock (``tracking.locks``, taken by ``rollup()`` and ``prune()``): one
waits while the other runs.
"""

import datetime

from django.utils import timezone
from django_tasks import task

from .rollups import prune, rebuild, rollup


@task()
def rollup_task(days=None):
    """Count the new events; with ``days``, also rebuild the last ``days`` days."""
    if days is None:
        return rollup().summary()
    start_day = timezone.localdate() - datetime.timedelta(days=max(1, days) - 1)
    return rebuild(start_day=start_day).summary()


@task()
def prune_task(days=None):
    """Delete raw events older than ``days`` (default: ``RAW_EVENT_RETENTION_DAYS``)."""
    return prune(days).summary()
