"""Install the built wheel as a user would, into a brand-new ``wagtail start`` site.

    python .ci/wheel_smoke.py dist/wagtail_darksocial-X.Y.Z-py3-none-any.whl

In a clean virtualenv (no source tree on its path): install the wheel, ``wagtail start``,
add the settings and URL lines that README's "Installing into a site" gives (read from
the README, so the two cannot drift apart), then prove ``check --deploy`` has nothing to
say about the plugin, ``migrate``, ``collectstatic``, that the home page is served with
the share bar in French from the shipped catalogue (no compilemessages), and that one
event POSTed to the endpoint as a browser would is stored. Runs by ``nox -s wheel``.
"""

import html
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
sys.path.insert(0, str(ROOT))
from tests.og_spec import problems  # noqa: E402  (standard library only)

#: An image for the site's default share image: wagtail start's pages have none.
SHARE_IMAGE = """
import io
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail_darksocial.models import ShareSettings
data = io.BytesIO()
Picture.new("RGB", (1600, 900), "#0b3d91").save(data, "JPEG")
image = get_image_model()(title="Newsroom", file=ImageFile(data, name="newsroom.jpg"))
image.save()
site = Site.objects.get(is_default_site=True)
ShareSettings.objects.update_or_create(site=site, defaults={"default_share_image": image})
"""
SITE = "smokesite"
BROWSER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
# Django's own deploy warnings, silenced so that any warning left is the plugin's.
DEPLOY_SETTINGS = """
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
"""


def step(message):
    print(f"-- {message}", flush=True)


def run(*args, cwd=None, env=None, quiet=False):
    """Run a command, echo its output (if quiet, only on failure), fail on a non-zero exit.

    Returns its stdout.
    """
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    output = result.stdout + result.stderr
    if output.strip() and (result.returncode or not quiet):
        print(output.rstrip(), flush=True)
    if result.returncode:
        sys.exit(f"FAILED ({result.returncode}): {' '.join(map(str, args))}")
    return result.stdout


def readme_install_lines():
    """The INSTALLED_APPS line and the URL lines of README's "Installing into a site"."""
    section = README.read_text().split("## Installing into a site", 1)[1].split("\n## ", 1)[0]
    python_blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    lines = [line.strip() for block in python_blocks for line in block.splitlines()]
    settings_lines = [line for line in lines if line.startswith("INSTALLED_APPS")]
    url_lines = [
        line for line in lines if line.startswith("path(") and "wagtail_darksocial" in line
    ]
    assert settings_lines and url_lines, "README's install section has changed shape"
    return settings_lines, url_lines


def install_site(project):
    settings_lines, url_lines = readme_install_lines()
    base = project / SITE / "settings" / "base.py"
    base.write_text(
        base.read_text() + "\n# wagtail-darksocial (README)\n" + "\n".join(settings_lines) + "\n"
    )
    urls = project / SITE / "urls.py"
    catch_all = 'path("", include(wagtail_urls)),'
    text = urls.read_text()
    assert text.count(catch_all) == 1, "wagtail start's urls.py has changed shape"
    indent = "    "
    urls.write_text(
        text.replace(catch_all, "".join(f"{line}\n{indent}" for line in url_lines) + catch_all)
    )
    # The site as it would run in production (settings.production), in French.
    (project / SITE / "settings" / "smoke.py").write_text(
        "from .production import *  # noqa\n"
        f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\n"
        'ALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
        'LANGUAGE_CODE = "fr"\n'
    )
    (project / SITE / "settings" / "deploy.py").write_text(
        "from .smoke import *  # noqa\n" + DEPLOY_SETTINGS
    )
    print("settings:", *settings_lines, "\nurls:", *url_lines, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http(url, *, data=None, headers=None):
    request = urllib.request.Request(
        url, data=data, headers={"User-Agent": BROWSER_UA, **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(url, server):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with {server.returncode}")
        try:
            return http(url)
        except OSError:
            time.sleep(0.3)
    sys.exit(f"no answer from {url} within 60 s")


def main(wheel):
    wheel = Path(wheel).resolve()
    work = Path(tempfile.mkdtemp(prefix="darksocial-wheel-smoke-"))
    venv, project = work / "venv", work / "site"
    python = venv / "bin" / "python"

    step(f"clean virtualenv in {work}, install {wheel.name}")
    run(sys.executable, "-m", "venv", venv)
    run(python, "-m", "pip", "install", "--disable-pip-version-check", wheel, quiet=True)
    # From the work directory: python -c puts the current directory on sys.path.
    installed = run(
        python, "-c", "import wagtail_darksocial as p; print(p.__file__, p.__version__)", cwd=work
    )
    assert str(venv) in installed, f"not the installed wheel: {installed}"

    step("wagtail start, then the README's install lines")
    project.mkdir()
    run(venv / "bin" / "wagtail", "start", SITE, project)
    install_site(project)

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": f"{SITE}.settings.smoke", "PYTHONPATH": ""}
    env.pop("DATABASE_URL", None)

    def manage(*args, settings=None):
        command_env = env if settings is None else {**env, "DJANGO_SETTINGS_MODULE": settings}
        return run(python, "manage.py", *args, cwd=project, env=command_env)

    step("check --deploy: not one warning of the plugin's (Django's own are silenced)")
    report = manage(
        "check", "--deploy", "--fail-level", "WARNING", settings=f"{SITE}.settings.deploy"
    )
    assert "wagtail_darksocial" not in report, report

    step("migrate, collectstatic, a default share image for the site")
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("shell", "-c", SHARE_IMAGE)
    shipped = list(venv.rglob("wagtail_darksocial/locale/fr/LC_MESSAGES/django.mo"))
    assert shipped, "the wheel has no compiled French catalogue"

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    step(f"serve the site on {base} (DEBUG off, LANGUAGE_CODE fr)")
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        status, home = wait_for(f"{base}/", server)
        assert status == 200, (status, home[:500])
        step("the home page has the share bar, in French")
        assert 'data-darksocial="bar"' in home, home[:2000]
        assert 'aria-label="Partager cette page"' in home, "the bar is not in French"
        assert "Copier le lien" in home and "Copy link" not in home
        step("the home page, whose templates have no Open Graph tag, has a valid link preview")
        assert not problems(home), problems(home)
        # The page's script gets its page id and endpoint from a JSON data attribute.
        config = json.loads(html.unescape(re.search(r"data-darksocial-config='([^']*)'", home)[1]))
        page_id = config["page"]
        assert config["endpoint"] == "/darksocial/events/", config["endpoint"]

        step(f"POST one share event for page {page_id}, as a browser's sendBeacon would")
        event = {"type": "share", "page": page_id, "channel": "whatsapp", "token": "Smoke_0001"}
        status, body = http(
            f"{base}/darksocial/events/",
            data=json.dumps(event).encode(),
            headers={
                "Content-Type": "application/json",
                "Origin": base,
                "Sec-Fetch-Site": "same-origin",
            },
        )
        assert status == 204, (status, body)
    finally:
        server.terminate()
        print(server.communicate(timeout=30)[0].rstrip(), flush=True)

    count = (
        "from wagtail_darksocial.models import Event; "
        "print(Event.objects.filter(token='Smoke_0001', event_type='share').count())"
    )
    stored = manage("shell", "-c", count).strip().splitlines()[-1]
    assert stored == "1", f"expected the event stored once, found {stored}"
    shutil.rmtree(work)
    step("wheel smoke test passed")


if __name__ == "__main__":
    main(*sys.argv[1:])
