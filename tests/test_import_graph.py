"""Every module of the project's packages imports on its own, and their import graph has no cycle.

The graph is read from the source (ast), imports inside functions included: an import deferred into a function
still ties the two modules together, it only hides the cycle until that function runs. Imports under
`if TYPE_CHECKING:` are left out (they never run). Jupytext notebook scripts (`# %%` cells) and `__main__`
modules are not imported: importing them would run them.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = {"svgllm": REPO / "utility_script" / "svgllm", "dataset_build": REPO / "dataset_build",
            "training_notebooks": REPO / "training_notebooks"}


def is_notebook_script(path: Path) -> bool:
    return any(line.startswith("# %%") for line in path.read_text(encoding="utf-8").splitlines())


def project_modules() -> dict[str, Path]:
    """Dotted module name -> file, for every importable module of `PACKAGES` (packages as their __init__)."""
    modules = {}
    for package, root in PACKAGES.items():
        for path in sorted(root.rglob("*.py")):
            relative = path.relative_to(root).with_suffix("")
            if "__pycache__" in relative.parts or relative.name == "__main__" or is_notebook_script(path):
                continue
            parts = [package, *relative.parts]
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every Import/ImportFrom node, at any depth, except those guarded by `if TYPE_CHECKING:`."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def import_edges(modules: dict[str, Path]) -> dict[str, dict[str, int]]:
    """module -> {imported project module: line of the first such import}."""
    edges: dict[str, dict[str, int]] = {name: {} for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                # `from pkg import sub` imports the submodule; `from pkg import name` needs pkg itself
                subs = [f"{source}.{alias.name}" for alias in node.names if f"{source}.{alias.name}" in modules]
                targets = subs if len(subs) == len(node.names) else [source, *subs]
            for target in targets:
                if target in modules and target != name:
                    edges[name].setdefault(target, node.lineno)
    return edges


def cycles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def describe(component: list[str], edges: dict[str, dict[str, int]], modules: dict[str, Path]) -> str:
    """The imports that tie a cycle's modules together, as `file:line a -> b`."""
    members = set(component)
    lines = [f"{modules[a].relative_to(REPO)}:{line} {a} -> {b}"
             for a in component for b, line in edges[a].items() if b in members]
    return "cycle among " + ", ".join(component) + ":\n  " + "\n  ".join(lines)


def test_the_graph_reader_finds_a_cycle_through_a_function_level_import(tmp_path):
    """The checker itself: a cycle closed only inside a function is reported; a one-way pair is not."""
    files = {"a": "from . import b\n", "b": "def f():\n    from .a import x\n", "c": "import p.a\n",
             "d": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import c\n"}
    modules = {}
    for stem, text in files.items():
        (tmp_path / f"{stem}.py").write_text(text)
        modules[f"p.{stem}"] = tmp_path / f"{stem}.py"
    (tmp_path / "__init__.py").write_text("")
    modules["p"] = tmp_path / "__init__.py"
    edges = import_edges(modules)
    assert edges["p.a"] == {"p.b": 1} and edges["p.b"] == {"p.a": 2} and edges["p.d"] == {}
    assert cycles(edges) == [["p.a", "p.b"]]


def test_no_import_cycle_in_the_packages():
    modules = project_modules()
    edges = import_edges(modules)
    found = cycles(edges)
    assert not found, "\n".join(describe(component, edges, modules) for component in found)


IMPORT_EACH = """
import importlib, json, sys, traceback
ours, names = sys.argv[1].split(","), json.loads(sys.stdin.read())
failures, skipped = {}, {}
for name in names:
    for loaded in [m for m in sys.modules if m.split(".")[0] in ours]:
        del sys.modules[loaded]  # each module starts from none of ours loaded, as in a fresh interpreter
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] in ours:
            failures[name] = traceback.format_exc(limit=3)
        else:
            skipped[name] = error.name  # an optional extra that is not installed
    except Exception:
        failures[name] = traceback.format_exc(limit=3)
print(json.dumps({"failures": failures, "skipped": skipped}))
"""


def test_every_module_imports_on_its_own():
    modules = sorted(project_modules())
    paths = [str(REPO / "utility_script"), str(REPO)]
    done = subprocess.run([sys.executable, "-c", f"import sys; sys.path[:0] = {paths!r}\n{IMPORT_EACH}",
                           ",".join(PACKAGES)], input=json.dumps(modules), capture_output=True, text=True,
                          timeout=600, cwd=REPO, env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert not report["failures"], "\n".join(f"{name}:\n{text}" for name, text in report["failures"].items())
    if report["skipped"]:
        pytest.skip(f"optional extras missing for: {report['skipped']}")
