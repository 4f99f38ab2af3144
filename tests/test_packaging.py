"""Every package the plugin imports is one that installing it brings.

The walk reads each module of ``wagtail_darksocial`` with ``ast`` (imports inside
functions too), maps each third-party import to its distribution with
``importlib.metadata.packages_distributions()`` and looks for that distribution in
``pyproject.toml``'s ``[project] dependencies``. A dependency of a dependency is not
enough: Wagtail could drop it in any release.

One exception, by design: ``swapper`` exists only from Wagtail 8, which requires it. It
may be imported in ``compat.py`` alone, under ``if WAGTAIL_HAS_SWAPPABLE_PAGE:``, so
it is only imported where Wagtail 8 installed it. Declaring it instead would install
an unused package beside Wagtail 7.4 (a marker cannot depend on Wagtail's version).
"""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import wagtail_darksocial

PACKAGE = Path(wagtail_darksocial.__file__).parent
PYPROJECT = PACKAGE.parent / "pyproject.toml"
COMPAT = PACKAGE / "compat.py"
# Imported only under compat's version guard, from the Wagtail release that requires it.
GUARDED_BY_WAGTAIL = {"swapper": "WAGTAIL_HAS_SWAPPABLE_PAGE"}


def normalise(name):
    """PEP 503 name: ``Django`` == ``django``, ``django_filter`` == ``django-filter``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_distributions():
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    return {normalise(re.match(r"[A-Za-z0-9._-]+", spec)[0]) for spec in project["dependencies"]}


def imported_top_level_names(path):
    """``(top-level name, import node)`` for each absolute import in one module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.partition(".")[0], node
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0], node


def third_party_imports():
    """``{top-level name: [(module path, line), ...]}`` over the whole package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name, node in imported_top_level_names(path):
            if name in sys.stdlib_module_names or name == PACKAGE.name:
                continue
            found.setdefault(name, []).append((path, node.lineno))
    return found


def guarded_import_lines(path, flag):
    """Lines of imports that sit inside an ``if <flag>:`` body in ``path``."""
    if not path.exists():
        return set()
    tree = ast.parse(path.read_text(), filename=str(path))
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == flag:
            for statement in node.body:
                for inner in ast.walk(statement):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        lines.add(inner.lineno)
    return lines


def undeclared_imports(imports, declared, distributions):
    """Messages for each imported name whose distribution is not a declared dependency."""
    problems = []
    for name, places in sorted(imports.items()):
        if name in GUARDED_BY_WAGTAIL:
            allowed = guarded_import_lines(COMPAT, GUARDED_BY_WAGTAIL[name])
            stray = [(p, line) for p, line in places if p != COMPAT or line not in allowed]
            problems += [
                f"{p.relative_to(PACKAGE.parent)}:{line} imports {name!r}, which only "
                f"Wagtail 8 brings: import it in compat.py under "
                f"`if {GUARDED_BY_WAGTAIL[name]}:`"
                for p, line in stray
            ]
            continue
        where = ", ".join(f"{p.relative_to(PACKAGE.parent)}:{line}" for p, line in places)
        owners = {normalise(d) for d in distributions.get(name, ())}
        if not owners:
            problems.append(f"{name!r} ({where}) is not installed by any distribution")
        elif not owners & declared:
            problems.append(
                f"{name!r} ({where}) comes from {sorted(owners)}, "
                "not a [project] dependency in pyproject.toml"
            )
    return problems


def test_every_imported_package_is_a_declared_dependency():
    imports = third_party_imports()
    assert {"django", "wagtail", "rest_framework"} <= imports.keys()  # the walk works
    problems = undeclared_imports(imports, declared_distributions(), packages_distributions())
    assert not problems, "\n".join(problems)


def test_an_unguarded_swapper_import_is_caught():
    """The bug this test exists for: `import swapper` outside compat's version guard."""
    stray_module = PACKAGE / "scoring_tasks.py"
    imports = {"swapper": [(stray_module, 9)], "django": [(stray_module, 10)]}
    problems = undeclared_imports(imports, {"django"}, packages_distributions())
    assert problems == [
        "wagtail_darksocial/scoring_tasks.py:9 imports 'swapper', which only Wagtail 8 "
        "brings: import it in compat.py under `if WAGTAIL_HAS_SWAPPABLE_PAGE:`"
    ]


def test_compat_imports_swapper_only_under_the_wagtail_version_guard():
    places = third_party_imports().get("swapper", [])
    guarded = guarded_import_lines(COMPAT, "WAGTAIL_HAS_SWAPPABLE_PAGE")
    assert places and all(path == COMPAT and line in guarded for path, line in places)


def test_the_version_is_single_sourced():
    """pyproject.toml reads the version from the package; nothing else states it."""
    project = tomllib.loads(PYPROJECT.read_text())
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "wagtail_darksocial.__version__"
    assert re.fullmatch(r"\d+\.\d+\.\d+", wagtail_darksocial.__version__)


LAST_WAGTAIL_74_CORE_MIGRATION = 97  # wagtailcore 0097_baselogentry_uuid_action_...


def test_migrations_depend_only_on_wagtail_migrations_that_7_4_has():
    """makemigrations on Wagtail 8 names 8's latest wagtailcore migration; 7.4 lacks it."""
    too_new = [
        f"{path.name}: wagtailcore {number}"
        for path in sorted((PACKAGE / "migrations").glob("0*.py"))
        for number in re.findall(r"\(\s*['\"]wagtailcore['\"],\s*['\"](\d{4})_", path.read_text())
        if int(number) > LAST_WAGTAIL_74_CORE_MIGRATION
    ]
    assert not too_new, f"depend on an older wagtailcore migration: {too_new}"
