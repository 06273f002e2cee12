"""ARCHITECTURE.md stays true to the tree: it has an entry for every module of svgllm, dataset_build,
training_notebooks and kernel, and every module (or module attribute) it names exists."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "ARCHITECTURE.md"
PACKAGES = {"svgllm": ROOT / "utility_script" / "svgllm", "dataset_build": ROOT / "dataset_build",
            "training_notebooks": ROOT / "training_notebooks", "kernel": ROOT / "kernel"}
ENTRY = re.compile(r"^- `([\w.]+)`", re.MULTILINE)  # a module's entry: a list item opening with its dotted name
NAMED = re.compile(r"`((?:" + "|".join(PACKAGES) + r")(?:\.\w+)*)`")  # any dotted name in backticks


def module_files() -> dict[str, Path]:
    """Dotted module name -> file, for every Python file of the packages (a package is its __init__.py)."""
    modules = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            relative = path.relative_to(folder)
            if any(part.startswith((".", "__pycache__")) for part in relative.parts):
                continue
            parts = [package, *relative.with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def defined_names(path: Path) -> set[str]:
    """Top-level functions, classes and assigned names of a module."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.ImportFrom):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def test_every_module_has_an_entry_and_every_entry_is_a_module():
    entries = ENTRY.findall(DOC.read_text(encoding="utf-8"))
    modules = set(module_files())
    missing, extra = sorted(modules - set(entries)), sorted(set(entries) - modules)
    assert not missing, f"modules missing from ARCHITECTURE.md: {missing}"
    assert not extra, f"ARCHITECTURE.md has entries for modules that do not exist: {extra}"
    assert len(entries) == len(set(entries)), "a module has two entries"


def test_every_name_the_doc_mentions_exists():
    modules = module_files()
    unknown = []
    for name in set(NAMED.findall(DOC.read_text(encoding="utf-8"))):
        owner, _, attribute = name.rpartition(".")
        if name not in modules and not (owner in modules and attribute in defined_names(modules[owner])):
            unknown.append(name)
    assert not unknown, f"ARCHITECTURE.md names what the tree lacks: {sorted(unknown)}"


def test_the_check_itself_sees_the_tree():
    modules = module_files()
    assert {"svgllm.chain", "svgllm.backends.composer.parse", "dataset_build.build",
            "training_notebooks.svgtrain.train", "kernel.dry_run"} <= set(modules)
    assert "CANVAS_SIZE" in defined_names(modules["svgllm.values"])
