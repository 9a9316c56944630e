"""Static analysis in the test suite: ruff with bandit's checks (the ``S`` rules of
pyproject.toml) finds nothing, and nothing in the templates or the code turns text into
markup without escaping it (``|safe``, ``Markup(...)`` of anything but a constant,
``autoescape false``, templates compiled from strings), except the few places named below
with the reason they are safe."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from participa import ROOT, create_app

PACKAGE = ROOT / "participa"
TEMPLATES = ROOT / "templates"

# Template constructs that print without escaping, or switch escaping off.
UNESCAPED_IN_TEMPLATES = re.compile(r"\|\s*safe\b|\bMarkup\b|autoescape\s+(false|off)")
# {(file relative to the repository, the line's text stripped): why it is safe}
TEMPLATE_ALLOWLIST: dict[tuple[str, str], str] = {}

# Calls that make markup from a string, or a template from a string.
MARKUP_CALLS = {"Markup", "render_template_string", "from_string", "Template"}
CODE_ALLOWLIST: dict[tuple[str, str], str] = {
    ("participa/content/textfmt.py",
     "_LINK = Markup('<a href=\"{href}\" rel=\"' + LINK_REL + '\">{text}</a>')  "
     "# noqa: S704"): "a constant template; Markup.format escapes the address it is filled "
                     "with",
    ("participa/web/fragments.py",
     "return Markup(html)  # noqa: S704 - our own autoescaped template's output, kept verbatim"):
        "a fragment rendered by one of our autoescaped templates, kept verbatim in the "
        "worker's memory or in Redis (private to the app servers, as for the rate limits) "
        "and put back in the page it was rendered for (issue 20)",
}


def test_ruff_with_bandit_checks_finds_nothing():
    result = subprocess.run(  # noqa: S603 - our own interpreter, a fixed argument list
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
         str(ROOT)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_templates_escape_everything():
    found = []
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file():
            continue
        relative = str(path.relative_to(ROOT))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if UNESCAPED_IN_TEMPLATES.search(line) and (
                relative, line.strip()) not in TEMPLATE_ALLOWLIST:
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def _constant(node: ast.AST) -> bool:
    """A string the code wrote itself: literals, joined with ``+``."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _constant(node.left) and _constant(node.right)
    return False


def _markup_calls(path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in MARKUP_CALLS:
            continue
        if name == "Markup" and all(_constant(arg) for arg in node.args) and not node.keywords:
            continue
        found.append((node.lineno, lines[node.lineno - 1].strip()))
    return found


def test_code_makes_no_markup_from_data():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = str(path.relative_to(ROOT))
        source = path.read_text(encoding="utf-8")
        if "__html__" in source:
            found.append(f"{relative}: defines or calls __html__")
        if re.search(r"autoescape\s*=\s*False|\.autoescape\s*=", source):
            found.append(f"{relative}: switches autoescaping off")
        for number, line in _markup_calls(path):
            if (relative, line) not in CODE_ALLOWLIST:
                found.append(f"{relative}:{number}: {line}")
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def bare_app():
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                       "SECRET_KEY": "test-secret-key"})


def test_every_page_template_is_autoescaped(bare_app):
    """HTML templates are escaped by Jinja; the others are plain-text e-mails."""
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file():
            continue
        name = str(path.relative_to(TEMPLATES))
        if path.suffix == ".html":
            assert bare_app.jinja_env.autoescape(name), name
        else:
            assert name.startswith("email/") and path.suffix == ".txt", name


def test_allowlists_name_what_exists():
    """An allowlisted line that no longer exists is removed from the list."""
    for (relative, line), _reason in {**TEMPLATE_ALLOWLIST, **CODE_ALLOWLIST}.items():
        lines = [text.strip() for text in (ROOT / relative).read_text(
            encoding="utf-8").splitlines()]
        assert line in lines, (relative, line)
