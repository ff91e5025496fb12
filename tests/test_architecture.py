"""The shape of the code: no import cycles, textual only in the TUI, data flowing one way."""

from __future__ import annotations

import ast
from pathlib import Path

import prepbot

PACKAGE = Path(prepbot.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file, at module level or inside a function.

    Imports under `if TYPE_CHECKING:` are left out: they never run.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for child in ast.walk(statement)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        # "from prepbot.matching import Match" is an edge to the package (its __init__); a
        # submodule named in the import is an edge to that submodule.
        graph.setdefault(name, set()).update(m for m in _imports(path) if m in modules and m != name)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_no_import_cycle_anywhere_in_the_package():
    assert _cycles(_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_textual_is_imported_only_under_tui():
    offenders = [
        _module_name(path)
        for path in PACKAGE.rglob("*.py")
        if "tui" not in path.relative_to(PACKAGE).parts
        and any(m == "textual" or m.startswith("textual.") or m == "rich" or m.startswith("rich.") for m in _imports(path))
    ]
    assert offenders == []


def test_the_domain_does_not_reach_up_into_the_service_cli_or_tui():
    graph = _graph()
    upper = {"prepbot.service", "prepbot.__main__"} | {m for m in graph if m == "prepbot.cli" or m.startswith("prepbot.cli.")}
    domain = [m for m in graph if m not in upper and not m.startswith("prepbot.tui")]
    for module in domain:
        reached = {t for t in graph[module] if t in upper or t.startswith("prepbot.tui")}
        assert not reached, f"{module} imports {sorted(reached)}"


def test_matching_does_not_know_about_loading_storing_or_exporting():
    graph = _graph()
    for module in (m for m in graph if m.startswith("prepbot.matching")):
        outside = {t for t in graph[module] if t.startswith("prepbot.") and not t.startswith("prepbot.matching")}
        assert outside <= {"prepbot.bank"}, f"{module} imports {sorted(outside)}"


def test_the_tui_never_reaches_the_store():
    """Screens see the service only; its errors (prepbot.errors) are all they catch."""
    graph = _graph()
    offenders = {m: sorted(t for t in graph[m] if t == "prepbot.store" or t.startswith("prepbot.store.")) for m in graph}
    assert {m: t for m, t in offenders.items() if t and m.startswith("prepbot.tui")} == {}


def test_cli_command_modules_never_import_the_cli_package_back():
    """prepbot.cli (build_cli) imports the command modules; they import prepbot.cli.base only."""
    graph = _graph()
    commands = [m for m in graph if m.startswith("prepbot.cli.") and m != "prepbot.cli.base"]
    assert len(commands) >= 5
    for module in commands:
        assert "prepbot.cli" not in graph[module], module
    assert not {t for t in graph["prepbot.cli.base"] if t.startswith("prepbot.cli")}


def test_no_module_is_longer_than_600_lines():
    long = {_module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}
