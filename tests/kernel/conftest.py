"""The exported notebook module, loaded in this interpreter (it imports only the standard library at import)."""
import importlib.util
import sys
from pathlib import Path

import pytest

from kernel import dry_run

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def exported_core(tmp_path_factory):
    """core.py exported from kernel/submission.ipynb, as a module."""
    path = dry_run.export_notebook(tmp_path_factory.mktemp("package"))
    spec = importlib.util.spec_from_file_location("exported_core", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def core(exported_core, monkeypatch, tmp_path):
    """The exported module rooted at `tmp_path` (its /kaggle is tmp_path/kaggle), with the repository's own svgllm
    off sys.path so only emulated inputs can be found."""
    own = (REPO / "utility_script").resolve()
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p and Path(p).resolve() != own])
    monkeypatch.setattr(exported_core, "KAGGLE_ROOT", str(tmp_path))
    monkeypatch.setattr(exported_core, "RUNTIME_DIR", str(tmp_path / "runtime"))
    return exported_core
