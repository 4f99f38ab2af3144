"""Helpers for the tracking benchmarks: fresh databases, gunicorn, client threads.

Everything talks to 127.0.0.1 only. Database work runs in subprocesses (``python -m
bench.tracking_support setup|count``) because one process can hold only one set of
Django settings, and a benchmark may use PostgreSQL and SQLite in turn.
"""

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


def env_for(database_url, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.tracking_settings",
        "BENCH_DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def fresh_postgres(name):
    """Drop and create database ``name`` on the local server; return its URL."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_SERVER}/{name}"


def drop_postgres(name):
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fresh_sqlite(directory):
    return f"sqlite:///{Path(directory) / 'bench.sqlite3'}"


def run_helper(database_url, action):
    """Run ``action`` of this module in a subprocess against the database; parse its JSON."""
    result = subprocess.run(
        [PYTHON, "-m", "bench.tracking_support", action],
        cwd=ROOT,
        env=env_for(database_url),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"{action} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(database_url, *, workers=2, threads=4, **env):
    """Serve the bench project on 127.0.0.1; yield ``(host, port)``; stop it afterwards.

    ``env``: extra environment variables, e.g. ``BENCH_THROTTLE_CACHE="local"``.
    """
    port = free_port()
    command = [
        GUNICORN,
        "example_site.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        "--keep-alive=30",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env_for(database_url, **env))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/darksocial/schema/")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def drive(address, path, bodies_per_thread):
    """POST each thread's bodies in turn over one keep-alive connection per thread.

    Returns ``(seconds, Counter of statuses)``; ``"error"`` counts requests that got
    no answer at all.
    """
    statuses = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(len(bodies_per_thread) + 1)
    headers = {"Content-Type": "text/plain;charset=UTF-8", "User-Agent": USER_AGENT}

    def worker(bodies):
        local = Counter()
        connection = http.client.HTTPConnection(*address, timeout=60)
        barrier.wait()
        for body in bodies:
            for attempt in (1, 2):
                try:
                    connection.request("POST", path, body, headers)
                    response = connection.getresponse()
                    response.read()
                    local[response.status] += 1
                    break
                except (http.client.RemoteDisconnected, ConnectionError):
                    # A keep-alive connection the server had closed: the request never
                    # reached it, so sending it again cannot count it twice.
                    connection.close()
                    connection = http.client.HTTPConnection(*address, timeout=60)
                    if attempt == 2:
                        local["error"] += 1
        connection.close()
        with lock:
            statuses.update(local)

    workers = [threading.Thread(target=worker, args=(bodies,)) for bodies in bodies_per_thread]
    for thread in workers:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in workers:
        thread.join()
    return time.perf_counter() - start, statuses


def share_bodies(page, prefix, threads, requests, batch=1):
    """Per thread, ``requests`` JSON bodies of ``batch`` share events.

    Tokens are ``prefix`` (2 characters), the thread and a counter: unique per run.
    """
    result = []
    for thread in range(threads):
        bodies = []
        for number in range(requests):
            events = [
                {
                    "type": "share",
                    "page": page,
                    "channel": "whatsapp",
                    "token": f"{prefix:.2}{thread:02d}{number * batch + i:06d}",
                }
                for i in range(batch)
            ]
            bodies.append(json.dumps(events[0] if batch == 1 else events).encode())
        result.append(bodies)
    return result


def temporary_directory():
    return tempfile.TemporaryDirectory(prefix="darksocial-bench-")


# --- subprocess actions ---------------------------------------------------------------


def _setup():
    """Migrate, and add one live article under the default site's root; print its id."""
    from django.core.management import call_command
    from wagtail.models import Page, Site

    call_command("migrate", verbosity=0, interactive=False)
    site = Site.objects.get(is_default_site=True)
    root = site.root_page
    article = root.get_children().filter(slug="bench-article").first()
    if article is None:
        article = root.add_child(instance=Page(title="Bench article", slug="bench-article"))
    return {"page": article.pk}


def _count():
    """Raw events stored, then the rollups' total after a rollup."""
    from django.db.models import Sum

    from wagtail_darksocial.models import DailyRollup, Event
    from wagtail_darksocial.tracking.rollups import rollup

    stored = Event.objects.count()
    rollup()
    total = DailyRollup.objects.aggregate(total=Sum("count"))["total"] or 0
    return {"stored": stored, "rollup": total}


if __name__ == "__main__":
    import django

    django.setup()
    action = {"setup": _setup, "count": _count}[sys.argv[1]]
    print(json.dumps(action()))
