"""The package's layering: features import only downwards, and scoring stays pure.

Layers, lowest first: the shared modules at the top of the package (``conf``,
``models``, ``compat``, ``permissions``), then ``scoring`` (pure Python), ``sharing``,
``tracking``, ``reports`` and ``shareability``. The wiring modules (``apps``,
``urls``, ``wagtail_hooks``, ``signal_handlers``, ``checks``, template tags and
management commands) may import any feature; nothing imports them back.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wagtail_darksocial"
FEATURES = ("scoring", "sharing", "tracking", "reports", "shareability")
SHARED = ("conf", "channels", "models", "compat", "permissions", "restrictions")
WIRING = (
    "apps",
    "urls",
    "wagtail_hooks",
    "signal_handlers",
    "checks",
    "templatetags",
    "management",
)
DYNAMIC_IMPORTS = {"import_module", "import_string", "__import__"}
# Narrower rules on top of the layer order: (importer prefix, forbidden prefix, why).
FORBIDDEN = [
    ("tracking", "sharing.bar", "the endpoint must not render share bars"),
    ("tracking", "sharing.injection", "the endpoint must not render share bars"),
    ("shareability", "reports.dashboard", "permissions live in permissions.py, not in a view"),
    ("reports", "reports.dashboard", "permissions live in permissions.py, not in a view"),
]


def module_name(path):
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path):
    """Package-relative names of the plugin modules that ``path`` imports."""
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".") if package else []
            base = base[: len(base) - node.level + 1] if node.level > 1 else base
            target = ".".join([*base, node.module] if node.module else base)
            found.update(f"{target}.{alias.name}".strip(".") for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "wagtail_darksocial"
        ):
            # "from wagtail_darksocial.sharing import bar" imports sharing.bar.
            base = node.module.removeprefix("wagtail_darksocial").strip(".")
            found.update(f"{base}.{alias.name}".strip(".") for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in DYNAMIC_IMPORTS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("wagtail_darksocial.")
        ):
            # import_module("wagtail_darksocial.x") and import_string(...) count too.
            found.add(str(node.args[0].value).removeprefix("wagtail_darksocial."))
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.removeprefix("wagtail_darksocial").strip(".")
                for alias in node.names
                if alias.name.startswith("wagtail_darksocial")
            )
    return found


def top(name):
    return name.split(".")[0]


def third_party(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def layer(name):
    first = top(name)
    if first in SHARED:
        return -1
    if first in FEATURES:
        return FEATURES.index(first)
    return None  # wiring, or the package itself


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p) or "__init__")
def test_features_import_only_downwards(path):
    name = module_name(path)
    own = layer(name)
    if own is None or own < 0:
        return  # wiring may import anything; shared modules are checked below
    for target in imports(path):
        other = layer(target)
        if top(target) in WIRING:
            pytest.fail(f"{name} imports the wiring module {target}")
        if other is None or top(target) == top(name):
            continue
        assert other < own, f"{name} (layer {top(name)}) imports {target}, which is above it"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p) or "__init__")
def test_narrow_rules(path):
    name = module_name(path)
    if name.endswith(".admin_urls"):
        return  # a feature's URL list routes to its own views by design
    for target in imports(path):
        for importer, forbidden, why in FORBIDDEN:
            if top(name) == importer and target.startswith(forbidden):
                pytest.fail(f"{name} imports {target}: {why}")


def test_shared_modules_import_no_feature():
    for name in SHARED:
        path = PACKAGE / f"{name}.py"
        if not path.exists():
            continue
        features = {t for t in imports(path) if top(t) in FEATURES or top(t) in WIRING}
        assert not features, f"{name}.py imports {features}"


@pytest.mark.parametrize(
    "path", sorted((PACKAGE / "scoring").rglob("*.py")), ids=lambda p: module_name(p)
)
def test_scoring_is_pure_python(path):
    for module in third_party(path):
        assert top(module) not in {"django", "wagtail", "rest_framework", "wagtail_darksocial"}, (
            f"{module_name(path)} imports {module}"
        )
    assert all(top(t) == "scoring" for t in imports(path)), module_name(path)


def test_the_walk_resolves_relative_imports():
    # The rules above can only fail if the walk sees imports at all.
    assert "models.Event" in imports(PACKAGE / "tracking" / "rollups.py")
    assert layer("reports.stats") > layer("tracking.rollups")


@pytest.mark.parametrize(
    ("source", "seen"),
    [
        ("from wagtail_darksocial import reports", "reports"),
        ("from wagtail_darksocial.sharing import bar", "sharing.bar"),
        ("import wagtail_darksocial.reports.stats", "reports.stats"),
        ("def f():\n    from ..reports import stats", "reports.stats"),
        ("import_module('wagtail_darksocial.reports.stats')", "reports.stats"),
        ("import_string('wagtail_darksocial.sharing.bar.bar_html')", "sharing.bar.bar_html"),
    ],
)
def test_the_walk_sees_every_form_of_import(tmp_path, monkeypatch, source, seen):
    module = PACKAGE / "tracking" / "_probe.py"
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: source)
    assert seen in imports(module)
