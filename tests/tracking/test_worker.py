"""Tasks on a real worker: django-tasks-db's ``db_worker``, a separate process.

The test builds its own SQLite database file (no pytest-django database), enqueues the
rollup, prune and scoring tasks, lets a worker run them, and SIGKILLs a worker in the
middle of a rollup: the run after it loses and doubles nothing.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("django_tasks_db")

ROOT = Path(__file__).resolve().parents[2]
EVENTS = 20_000


def run(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def action(env, *args):
    result = json.loads(run(env, "-m", "tests.tracking.worker_app", *args, timeout=120).stdout)
    if isinstance(result, dict) and "tasks" in result:
        result["tasks"] = [tuple(pair) for pair in result["tasks"]]
    return result


def worker(env, *args):
    command = [sys.executable, "-m", "django", "db_worker", "--no-startup-delay", *args]
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def test_a_separate_worker_runs_the_tasks_and_survives_a_sigkill(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.tracking.worker_settings",
        "WORKER_DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "WORKER_CHUNK": "500",
        "PYTHONPATH": str(ROOT),
    }
    page = action(env, "setup", str(EVENTS), "rollup")["page"]

    # A worker takes the rollup; it dies (SIGKILL) while the rollup is half done.
    process = worker(env, "--interval", "0.05")
    killed_at = None
    try:
        database = sqlite3.connect(tmp_path / "worker.sqlite3", timeout=30)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            (mark,) = database.execute(
                "SELECT last_event_id FROM wagtail_darksocial_rollupstate"
            ).fetchone()
            if 0 < mark < EVENTS:
                process.send_signal(signal.SIGKILL)
                killed_at = mark
                break
            time.sleep(0.02)
        database.close()
    finally:
        process.kill()
        process.wait(timeout=10)
    assert killed_at, "the rollup finished before the worker could be killed"
    # Run again (the killed task is not retried by django-tasks-db: queue it anew), with
    # a scoring task, on a worker that exits when the queue is empty.
    state = action(env, "state", "rollup", "score", str(page))
    # What was committed is exactly what the watermark covers: nothing half-counted.
    assert state["rolled_up"] == state["counted_events"] < EVENTS
    assert ("rollup_task", "RUNNING") in state["tasks"]  # the killed run's record
    finished = worker(env, "--batch")
    assert finished.wait(timeout=120) == 0, finished.stderr.read()
    # Then a prune on the worker keeps every count; a second rollup adds nothing.
    state = action(env, "state", "prune", "rollup")
    assert state["stored"] == state["rolled_up"] == state["counted_events"] == EVENTS
    assert state["scores"] == 1
    assert state["tasks"].count(("rollup_task", "SUCCESSFUL")) == 1
    assert ("score_page_task", "SUCCESSFUL") in state["tasks"]
    assert worker(env, "--batch").wait(timeout=120) == 0
    state = action(env, "state")
    assert state["rolled_up"] == EVENTS
    assert state["stored"] < EVENTS  # yesterday's raw events are gone
    print("worker test: accepted=stored=rolled-up", EVENTS, "killed after", killed_at)
