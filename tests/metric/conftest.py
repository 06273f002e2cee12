"""Fixtures for the metric tests: tiny randomly initialised PaliGemma and CLIP models built offline from configs
(the GPU check's builders, `benchmarks.gpu_models`), and questions in the style of the competition's train.jsonl."""
from __future__ import annotations

import json

import pytest
from metric_samples import ITEMS


@pytest.fixture(scope="session")
def items():
    """The test descriptions as `svgllm.metric.score.Item`s."""
    from svgllm.metric.score import Item

    return [Item.from_dict(row) for row in ITEMS]


@pytest.fixture
def questions_file(tmp_path):
    """The test items as a JSON-lines file."""
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ITEMS), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_metric_models():
    """(PaliGemma model, processor, CLIP model, CLIP image processor) from `benchmarks.gpu_models`, built once:
    the GPU check's tiny random models (1-layer towers, 28 px images, letters as single tokens)."""
    pytest.importorskip("transformers")
    from benchmarks.gpu_models import tiny_metric_models as build

    return build()


@pytest.fixture(scope="session")
def tiny_paligemma(tiny_metric_models):
    """A `svgllm.metric.vqa.PaliGemma` around the tiny random model, on the CPU."""
    from svgllm.metric.vqa import PaliGemma

    model, processor, _, _ = tiny_metric_models
    return PaliGemma(model, processor, "cpu")


@pytest.fixture(scope="session")
def tiny_aesthetic(tiny_metric_models):
    """A `svgllm.metric.aesthetic.Aesthetic` with the tiny CLIP and a randomly initialised head."""
    import torch
    from svgllm.metric.aesthetic import Aesthetic, build_head

    _, _, model, processor = tiny_metric_models
    torch.manual_seed(1)
    return Aesthetic(model, processor, build_head().eval(), "cpu")


@pytest.fixture(scope="session")
def saved_models(tmp_path_factory, tiny_paligemma, tiny_aesthetic):
    """The tiny models saved as on disk (HF folders + a .pth head): {"vqa", "clip", "head"} -> path."""
    import torch

    root = tmp_path_factory.mktemp("models")
    tiny_paligemma.model.save_pretrained(root / "paligemma")
    tiny_paligemma.processor.save_pretrained(root / "paligemma")
    tiny_aesthetic.clip_model.save_pretrained(root / "clip")
    tiny_aesthetic.clip_processor.save_pretrained(root / "clip")
    torch.save(tiny_aesthetic.head.state_dict(), root / "head.pth")
    return {"vqa": str(root / "paligemma"), "clip": str(root / "clip"), "head": str(root / "head.pth")}
