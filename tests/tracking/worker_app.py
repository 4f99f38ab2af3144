"""Actions for the worker test, each in its own process (settings: ``worker_settings``):
``python -m tests.tracking.worker_app setup EVENTS [TASK ...]`` or ``state [TASK ...
PAGE]``: do it, queue the tasks (``rollup``, ``prune``, ``score``), print JSON."""

import datetime
import json
import sys


def setup(events):
    """Migrate; add a page, ``events`` raw events over two days and a few shares."""
    from django.utils import timezone
    from wagtail.models import Site

    from bench.tracking_support import _setup
    from wagtail_darksocial.models import Event
    from wagtail_darksocial.tracking.rollups import rollup

    page = _setup()["page"]
    rollup()  # the first run sets the watermark: what follows is counted incrementally
    site = Site.objects.get(is_default_site=True)
    now = timezone.now()
    rows = [
        Event(
            created_at=now - datetime.timedelta(days=number % 2, seconds=number),
            site=site,
            page_id=page,
            event_type="share" if number % 50 == 0 else "arrival",
            channel="whatsapp" if number % 50 == 0 else "",
            token=f"K{number:07d}" if number % 50 == 0 else "",
            arrival_class="" if number % 50 == 0 else "dark",
        )
        for number in range(events)
    ]
    Event.objects.bulk_create(rows, batch_size=2000)
    return {"page": page}


def enqueue(*names):
    from wagtail_darksocial.shareability.tasks import score_page_task
    from wagtail_darksocial.tracking.tasks import prune_task, rollup_task

    page = int(names[-1]) if names and names[-1].isdigit() else None
    tasks = {
        "rollup": lambda: rollup_task.enqueue(),
        "prune": lambda: prune_task.enqueue(days=0),
        "score": lambda: score_page_task.enqueue(page),
    }
    return [str(tasks[name]().id) for name in names if name in tasks]


def state():
    from django.db.models import Sum
    from django_tasks_db.models import DBTaskResult

    from wagtail_darksocial.models import DailyRollup, Event, PageScore, RollupState

    mark = RollupState.objects.filter(name="events").first()
    return {
        "stored": Event.objects.count(),
        "rolled_up": DailyRollup.objects.aggregate(total=Sum("count"))["total"] or 0,
        "counted_ids": mark.last_event_id if mark else None,
        "counted_events": Event.objects.filter(id__lte=mark.last_event_id).count() if mark else 0,
        "scores": PageScore.objects.count(),
        "tasks": sorted(
            (result.task_path.rsplit(".", 1)[1], result.status)
            for result in DBTaskResult.objects.all()
        ),
    }


if __name__ == "__main__":
    import django

    django.setup()
    action, *args = sys.argv[1:]
    if action == "setup":  # then queue the given tasks
        result = setup(int(args[0]))
        enqueue(*args[1:], str(result["page"]))
    else:  # the state, then queue the given tasks
        result = state()
        if args:
            enqueue(*args)
    print(json.dumps(result))
