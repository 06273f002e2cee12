"""The full-build notebook: its .py source and .ipynb stay paired, and its CPU path runs end to end."""
from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "dataset_build" / "notebooks" / "build_full.py"


def test_ipynb_matches_the_percent_source():
    jupytext = pytest.importorskip("jupytext")
    source = jupytext.read(NOTEBOOK)
    paired = jupytext.read(NOTEBOOK.with_suffix(".ipynb"))
    assert [c.source for c in source.cells] == [c.source for c in paired.cells]
    assert [c.cell_type for c in source.cells] == [c.cell_type for c in paired.cells]


def test_notebook_runs_its_cpu_path(tmp_path, monkeypatch):
    pytest.importorskip("accelerate")
    profile = tmp_path / "nb.yaml"
    profile.write_text("name: nb\nshard_size: 4\nnum_proc: 1\nsources: {composer: 4, motif: 2, diffusion: 0}\n")
    repo = NOTEBOOK.parents[2]
    monkeypatch.setenv("SVGLLM_REPO", str(repo))
    monkeypatch.setenv("SVGLLM_DATASET_PROFILE", str(profile))
    monkeypatch.setenv("SVGLLM_DATASET_OUT", str(tmp_path / "out"))
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = runpy.run_path(str(NOTEBOOK))
    assert namespace["summary"]["rows"] >= 4
    for name in ("train.parquet", "README.md", "dataset-metadata.json", "build_config.yaml"):
        assert (tmp_path / "out" / name).is_file()
