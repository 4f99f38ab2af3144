"""The test matrix: every combination the package claims to support, proven by a run.

The main leg is ``make test`` itself (Python 3.11, Wagtail 8, Django 5.2, SQLite and
PostgreSQL, browser tests required); ``main`` below runs it. The other legs install the
package with pinned Wagtail and Django into their own virtualenv and run the suite
without the browser tests. ``wheel`` builds the sdist and wheel, checks them with twine
and installs the wheel into a brand-new ``wagtail start`` site (``.ci/wheel_smoke.py``).

    .venv/bin/nox -l                 # the sessions
    .venv/bin/nox -s wagtail74       # one of them

Each PostgreSQL leg uses its own database, named after the leg, on the server of
``DARKSOCIAL_PG_SERVER`` (default ``postgres://postgres@127.0.0.1:5432``), and
``DARKSOCIAL_PG_PREFIX`` (default ``darksocial``) starts every database name, so two
checkouts on one server don't collide.
"""

import glob
import os
import shutil

import nox

nox.options.download_python = "never"  # no network but the package registries
nox.options.error_on_missing_interpreters = True
nox.options.sessions = [
    "wagtail74",
    "wagtail8_py312",
    "wagtail8_py313",
    "wheel",
]  # `main` is `make test`

PG_SERVER = os.environ.get("DARKSOCIAL_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_PREFIX = os.environ.get("DARKSOCIAL_PG_PREFIX", "darksocial")


def interpreter(version):
    """A full path for ``pythonX.Y`` where pyenv has one: its shims fail when not global."""
    found = sorted(
        glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}"))
    )
    if found:
        return found[-1]
    return shutil.which(f"python{version}") or version


def database_url(session, db):
    if db == "sqlite":
        return ""  # example_site.settings: no DATABASE_URL means SQLite
    return f"{PG_SERVER}/{PG_PREFIX}_{session.name.replace('-', '_')}"


def run_suite(session, *, wagtail, django, db):
    session.install("-e", ".[testing]", f"wagtail{wagtail}", f"django{django}")
    versions = "import django, wagtail; print('Django', django.__version__, wagtail.__version__)"
    session.run("python", "-c", versions)
    env = {"DATABASE_URL": database_url(session, db), "DARKSOCIAL_REQUIRE_BROWSER": "0"}
    session.run(
        "python", "-m", "django", "makemigrations", "--check", "--dry-run",
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.settings"},
    )  # fmt: skip
    session.run("python", "-m", "pytest", "-q", "-m", "not browser", *session.posargs, env=env)


@nox.session(python=interpreter("3.11"))
def wagtail74(session):
    """Wagtail 7.4 LTS (latest 7.4.x), Django 5.2, Python 3.11, SQLite."""
    run_suite(session, wagtail="~=7.4.0", django="~=5.2.0", db="sqlite")


@nox.session(python=interpreter("3.12"))
def wagtail8_py312(session):
    """Wagtail 8.x, Django 6.0, Python 3.12, SQLite."""
    run_suite(session, wagtail=">=8,<9", django="~=6.0.0", db="sqlite")


@nox.session(python=interpreter("3.13"))
def wagtail8_py313(session):
    """Wagtail 8.x, the newest Django it supports (6.1), Python 3.13, PostgreSQL."""
    run_suite(session, wagtail=">=8,<9", django="~=6.1.0", db="postgres")


@nox.session(python=interpreter("3.11"))
def wheel(session):
    """Build sdist + wheel, twine check both, then smoke-test the wheel in a new site."""
    session.install("build", "twine")
    dist = os.path.join(session.create_tmp(), "dist")
    shutil.rmtree(dist, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", dist)
    built = sorted(glob.glob(os.path.join(dist, "*")))
    session.run("twine", "check", "--strict", *built)
    (wheel_file,) = [path for path in built if path.endswith(".whl")]
    session.run("python", ".ci/wheel_smoke.py", wheel_file)


@nox.session(python=False)
def main(session):
    """The main leg, `make test`: SQLite, then PostgreSQL, browser tests required."""
    env = {"DARKSOCIAL_REQUIRE_BROWSER": "1"}
    session.run("make", "test", external=True, env={**env, "DATABASE_URL": ""})
    session.run(
        "make", "test", external=True, env={**env, "DATABASE_URL": database_url(session, "pg")}
    )
