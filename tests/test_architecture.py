"""The shape of the code, held by tests (docs/architecture.md draws it).

- the extraction core (``crawler.extraction``, with ``crawler.common`` and the compat modules it uses)
  imports no Scrapy or Twisted, checked in a fresh interpreter;
- ``import crawler`` (and ``crawler.settings``, imported by every Scrapy process) does not load trafilatura;
- only ``crawler/compat/`` imports another project's private names or ``trafilatura.core`` /
  ``htmldate.core``, and only it touches the borrowed internals listed below;
- no two files import each other, directly or through others (typing-only imports included);
- no module is over 400 lines without saying why in its docstring.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OUR_PACKAGES = ("crawler", "spiders", "pipelines")
COMPAT = ROOT / "crawler" / "compat"
MAX_LINES = 400
LONG_MODULE_MARKER = "Long module:"
# Underscored names that are their project's documented public API.
PUBLIC_UNDERSCORED = {"lxml.etree._Element"}  # lxml's element class, the type its API documents

# Attributes of other projects' objects that are internal to them: only crawler/compat/ may use them.
BORROWED_INTERNALS = re.compile(
    r"\.(_dqdir|_retry|_cached_selector|_processes|_process_sitemap_element|_get_tag_name|per_slot_settings)\b"
    r"|balanced-without-escalation"
)
# Helpers of other projects that are not their public API: imported by crawler/compat/ only.
BORROWED_FUNCTIONS = {"trafilatura_sequence", "is_dubious_html", "repair_faulty_html", "custom_parse", "search_page"}


def source_files() -> list[Path]:
    files = []
    for package in OUR_PACKAGES:
        files.extend(sorted((ROOT / package).rglob("*.py")))
    return files


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def run_fresh(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_extraction_core_imports_no_scrapy() -> None:
    core = [module_name(path) for path in source_files()
            if path.is_relative_to(ROOT / "crawler" / "extraction") or path.is_relative_to(ROOT / "crawler" / "common")]
    assert "crawler.extraction.extract" in core
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "from crawler import extract_article\n"
        "page = b'<html><head><title>T</title></head><body><article>' + b'<p>A sentence of the story. ' * 60 + b'</p></article></body></html>'\n"
        "extract_article(page, url='https://news.example/a')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted', 'spiders', 'pipelines')\n"
        "                or m.startswith(('crawler.crawl', 'crawler.tools')))\n"
        "print(','.join(loaded))\n"
    )
    assert run_fresh(code).strip() == ""


def test_import_crawler_is_cheap() -> None:
    code = (
        "import sys, crawler, crawler.settings, crawler.items\n"
        "print(','.join(sorted(m for m in ('trafilatura', 'htmldate', 'lxml.html', 'scrapy') if m in sys.modules)))\n"
    )
    assert run_fresh(code).strip() == ""


def test_public_names_load_on_first_use() -> None:
    code = (
        "import sys, crawler\n"
        "assert 'trafilatura' not in sys.modules\n"
        "from crawler import Article, NotAnArticle, extract_article\n"
        "assert 'trafilatura' in sys.modules\n"
        "print(Article.__module__, NotAnArticle.__module__, extract_article.__module__)\n"
    )
    assert run_fresh(code).split() == ["crawler.items", "crawler.extraction.errors", "crawler.extraction.extract"]
    import crawler

    with pytest.raises(AttributeError, match="no_such_name"):
        crawler.no_such_name  # noqa: B018


def _is_ours(module: str) -> bool:
    return module.split(".")[0] in (*OUR_PACKAGES, "tests", "__future__")


def _private_imports(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and not _is_ours(node.module):
            if any(part.startswith("_") for part in node.module.split(".")):
                found.append(node.module)
            if node.module.startswith(("trafilatura.core", "htmldate.core")):
                found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names
                         if alias.name.startswith("_") and not alias.name.startswith("__")
                         and f"{node.module}.{alias.name}" not in PUBLIC_UNDERSCORED)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names if alias.name in BORROWED_FUNCTIONS)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not _is_ours(alias.name) and (
                    any(part.startswith("_") for part in alias.name.split("."))
                    or alias.name.startswith(("trafilatura.core", "htmldate.core"))
                ):
                    found.append(alias.name)
    return found


def test_only_compat_modules_use_other_projects_internals() -> None:
    offenders = {}
    for path in source_files():
        if path.is_relative_to(COMPAT):
            continue
        text = path.read_text("utf-8")
        found = _private_imports(ast.parse(text))
        found += [match.group(0) for match in BORROWED_INTERNALS.finditer(_code_only(text))]
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}, "move these into crawler/compat/"


def _code_only(text: str) -> str:
    """The source without comments and docstrings (they may name an internal to explain the compat module)."""
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
                node.body[0].value.value = ""
    return ast.unparse(tree)


def import_graph() -> dict[str, set[str]]:
    """file -> files it imports (module-level, function-level and typing-only imports alike)."""
    files = {module_name(path): path for path in source_files()}
    packages = {module_name(path) for path in files.values() if path.name == "__init__.py"}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text("utf-8"))
        package = name if name in packages else name.rpartition(".")[0]
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join(parts + ([node.module] if node.module else []))
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    targets.append(submodule if submodule in files else base)
            for target in targets:
                while target and target not in files:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated at the end), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_find_cycle_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_between_files() -> None:
    graph = import_graph()
    assert "crawler.extraction.extract" in graph["crawler.extraction"]
    assert find_cycle(graph) is None


def test_crawl_machinery_does_not_reach_into_pipelines_or_tools() -> None:
    graph = import_graph()
    wrong = {
        name: sorted(t for t in targets if t.startswith(("pipelines", "spiders", "crawler.tools")))
        for name, targets in graph.items()
        if name.startswith(("crawler.crawl", "crawler.extraction", "crawler.common", "crawler.compat"))
    }
    assert {name: targets for name, targets in wrong.items() if targets} == {}


def test_no_oversized_module_without_a_reason() -> None:
    oversized = []
    for path in source_files():
        lines = path.read_text("utf-8").count("\n")
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        if lines > MAX_LINES and LONG_MODULE_MARKER not in doc:
            oversized.append(f"{path.relative_to(ROOT)} ({lines} lines)")
    assert oversized == [], f"split them, or say why in the docstring after {LONG_MODULE_MARKER!r}"


def test_spiders_and_pipelines_meet_only_through_the_crawl() -> None:
    graph = import_graph()
    crossing = sorted(
        f"{name} -> {target}"
        for name, targets in graph.items()
        for target in targets
        if (name.startswith("spiders") and target.startswith("pipelines"))
        or (name.startswith("pipelines") and target.startswith("spiders"))
    )
    assert crossing == []
