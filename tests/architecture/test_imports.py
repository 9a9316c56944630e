"""The architecture, checked from the code: imports go one way (docs/architecture.md).

The import graph of ``participa/`` is built from every ``import`` statement, at module level
and inside functions alike (an import inside a function is still a dependency). The tests
fail on a cycle between packages, on an arrow the layer table does not allow, on a read side
(``queries``) that imports a write side (``services``), on a Jinja global or filter registered
anywhere but ``create_app``, and on a loose module at the top of the package.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from participa import ROOT

PACKAGE = ROOT / "participa"

# What each package may import (besides itself). Low to high: base < i18n < content < web <
# files < the features, each feature only below itself < the gatherers on top.
PLUMBING = {"base", "i18n", "content", "web", "territory", "files"}
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "i18n": {"base"},
    # Guatemala's departments and municipalities: data and their checks, no database.
    "territory": {"base"},
    "content": {"base", "i18n"},
    "web": {"base", "i18n", "content"},
    # Uploaded files: each feature that owns files says who sees them through its registry.
    "files": {"base", "i18n", "content", "web"},
    # Office documents (.docx, .odt) from a description: a library, knows no feature.
    "office": set(),
    "audit": PLUMBING,
    "accounts": PLUMBING | {"audit"},
    "notifications": PLUMBING | {"accounts", "audit"},
    "organizations": PLUMBING | {"accounts", "audit", "notifications"},
    # Translators and their work; i18n's live catalogs read it through a registered source.
    "translation": PLUMBING | {"accounts", "audit", "organizations"},
    "plans": PLUMBING | {"accounts", "audit", "organizations", "notifications"},
    "consultations": PLUMBING | {"accounts", "audit", "organizations", "notifications",
                                 "plans"},
    # Implementation tracking of published commitments (issue 16).
    "tracking": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                            "consultations"},
    # Self-assessments of a plan, built from the tracking data (issue 16, item 5).
    "assessments": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                               "consultations", "tracking", "office"},
    # Consultations held in person, recorded by the MTGA; what was gathered there is entered
    # by the features above (proposals).
    # The Mesa Técnica's own space: members, rules of participation and meetings (issue 19).
    "forum": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans"},
    "workshops": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                             "consultations"},
    "proposals": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                             "consultations", "workshops"},
    "voting": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                          "consultations", "proposals"},
    "comments": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                            "consultations", "workshops", "proposals", "tracking",
                            "assessments"},
    "publication": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                               "consultations", "proposals", "voting", "comments", "office"},
    # Translations of people's and the MTGA's texts and the requests for them (issue 18).
    "content_translation": PLUMBING | {"accounts", "audit", "organizations", "notifications",
                                       "plans", "consultations", "proposals", "translation"},
    "consolidation": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                                 "consultations", "proposals", "comments", "voting",
                                 "publication", "content_translation"},
    # Recorded audio on commitments, the MTGA's responses and rounds' calls.
    "recordings": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                              "consultations", "proposals", "translation",
                              "content_translation"},
    # Statistics people can see: they read the co-creation cycle, nothing imports them.
    "stats": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                         "consultations", "workshops", "proposals", "comments", "voting",
                         "tracking"},
    "moderation": PLUMBING | {"accounts", "audit", "organizations", "notifications", "plans",
                              "consultations", "proposals", "comments", "content_translation",
                              "assessments"},
}
# Above every feature: they gather from all of them, and nothing imports them.
TOP = {"admin", "personal_data", "core", "demo", "bench", "search", "repository"}
# The composition root: create_app, which imports every feature and so every model (the
# mappers and Alembic read the metadata of an app it made).
ROOT_MODULES = {"participa"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules of participa an import statement reaches."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
            base = base[: len(base) - node.level + 1]
            start = ".".join(base + ([node.module] if node.module else []))
        else:
            start = node.module or ""
        names = [start] + [f"{start}.{alias.name}" for alias in node.names]
    found = []
    for name in names:
        if name in MODULES:
            found.append(name)
        elif (parent := name.rpartition(".")[0]) in MODULES and parent not in found:
            found.append(parent)
    return [name for name in found if name.startswith("participa")]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[module].update(_targets(module, path, node))
    return graph


GRAPH = _graph()


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and module not in ROOT_MODULES) \
        else None


def _package_arrows() -> dict[tuple[str, str], list[str]]:
    """(importer package, imported package) -> the module pairs behind the arrow."""
    arrows: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source, targets in GRAPH.items():
        for target in targets:
            a, b = _package(source), _package(target)
            if a and b and a != b:
                arrows[(a, b)].append(f"{source} -> {target}")
    return arrows


ARROWS = _package_arrows()


def test_every_package_has_a_place_in_the_layers():
    packages = {_package(m) for m in MODULES} - {None}
    assert packages - set(ALLOWED) - TOP == set()


def test_no_cycle_between_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in ARROWS:
        graph[a].add(b)
    cycles = []
    # Tarjan's strongly connected components.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in list(graph):
        if v not in index:
            visit(v)
    assert cycles == []


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_go_down_the_layers(package):
    forbidden = {
        f"{a} -> {b}": modules for (a, b), modules in ARROWS.items()
        if a == package and b not in ALLOWED[package]
    }
    assert forbidden == {}


def test_nothing_imports_the_packages_on_top():
    into_top = {f"{a} -> {b}": m for (a, b), m in ARROWS.items() if b in TOP and a not in TOP}
    assert into_top == {}


def test_no_package_imports_the_composition_root():
    """Only the root imports everything; a package importing it would import every feature."""
    upward = [f"{s} -> {t}" for s, ts in GRAPH.items() for t in ts
              if t in ROOT_MODULES and s not in ROOT_MODULES]
    assert upward == []


def test_read_sides_never_import_write_sides():
    """``queries`` (a module, or a package of them) never imports ``services``."""
    wrong = [f"{s} -> {t}" for s, ts in GRAPH.items() for t in ts
             if "queries" in s.split(".") and "services" in t.split(".")]
    assert wrong == []


def test_jinja_filters_and_globals_are_registered_only_by_create_app():
    registering = ("add_app_template_global", "add_app_template_filter", "app_template_global",
                   "app_template_filter", "template_global", "template_filter",
                   "add_template_global", "add_template_filter")
    found = []
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if module != "participa" and (
            any(f".{name}(" in text for name in registering)
            or "jinja_env.globals[" in text or "jinja_env.filters[" in text
        ):
            found.append(module)
    # i18n wraps Flask-Babel's own date filters (memoised), it adds none.
    assert set(found) <= {"participa.i18n.selection"}


def test_no_loose_modules_at_the_top():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py"]
