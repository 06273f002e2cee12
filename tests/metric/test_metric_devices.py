"""Where `MetricScorer.load` puts PaliGemma and CLIP on fake GPU layouts: the device strings given to
`from_pretrained(device_map=...)` and to the aesthetic head, with the tiny saved models loaded on the CPU."""
from __future__ import annotations

import math

import pytest
from svgllm.metric.loading import DeviceLayout, check_scorer_device, pick_devices


def fake_gpus(monkeypatch, count: int) -> None:
    """Make torch report `count` CUDA devices."""
    torch = pytest.importorskip("torch")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: count > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: count)


@pytest.fixture
def placements(monkeypatch):
    """Records what each loader was asked for, then loads on the CPU in fp32 (no GPU here):
    a list of (part, device, dtype name, 4-bit) tuples."""
    import torch
    import transformers
    from svgllm.metric import aesthetic

    calls = []

    def loader(part, real):
        def from_pretrained(path, **options):
            device_map = options.pop("device_map")
            assert set(device_map) == {""}  # the whole model on one device, never spread
            calls.append((part, device_map[""], str(options.pop("dtype")).removeprefix("torch."),
                          options.pop("quantization_config", None) is not None))
            assert not options, f"unexpected loading options {options}"
            return real(path, dtype=torch.float32)
        return from_pretrained

    for cls, part in ((transformers.PaliGemmaForConditionalGeneration, "paligemma"),
                      (transformers.CLIPModel, "clip")):
        monkeypatch.setattr(cls, "from_pretrained", loader(part, cls.from_pretrained))
    real_head = aesthetic.load_head

    def load_head(path, device="cpu"):
        calls.append(("head", device, None, False))
        return real_head(path, "cpu")

    monkeypatch.setattr(aesthetic, "load_head", load_head)
    return calls


def load(saved_models, device="auto", quantize=None):
    from svgllm.metric.score import MetricScorer

    return MetricScorer.load(saved_models["vqa"], saved_models["head"], saved_models["clip"], device, quantize)


def test_two_gpus_put_the_whole_scorer_on_cuda_1(monkeypatch, saved_models, placements):
    fake_gpus(monkeypatch, 2)
    scorer = load(saved_models)
    # PaliGemma in 4-bit (the competition's setting on CUDA), CLIP in fp16, the head beside CLIP: all on cuda:1,
    # where the generator (or the LLM) on cuda:0 leaves them a GPU of their own
    assert placements == [("paligemma", "cuda:1", "float16", True), ("clip", "cuda:1", "float16", False),
                          ("head", "cuda:1", None, False)]
    assert scorer.vqa.paligemma.device == "cuda:1" and scorer.aesthetic.device == "cuda:1"
    assert scorer.ocr.paligemma is scorer.vqa.paligemma  # OCR shares the one PaliGemma


def test_the_image_backend_places_its_generator_beside_where_the_scorer_loads(monkeypatch, saved_models,
                                                                              placements):
    from svgllm import ModelConfig
    from svgllm.backends.image import ImageBackend

    backend = ImageBackend(ModelConfig(backends=("image", "composer"), extra={"image": {"model": "/nowhere"}}))
    for count in (2, 1):
        fake_gpus(monkeypatch, count)
        placements.clear()
        scorer = load(saved_models, quantize=False)
        assert backend.placement.generator == "cuda:0"
        assert {device for _, device, _, _ in placements} == {backend.placement.scorer}
        assert scorer.aesthetic.device == backend.placement.scorer == ("cuda:1" if count == 2 else "cuda:0")


def test_one_gpu_shares_cuda_0_and_no_gpu_scores_on_the_cpu(monkeypatch, saved_models, placements):
    from metric_samples import APPLE_SVG

    fake_gpus(monkeypatch, 1)
    load(saved_models, quantize=False)
    assert [device for _, device, _, _ in placements] == ["cuda:0"] * 3
    assert [quantized for _, _, _, quantized in placements] == [False] * 3
    fake_gpus(monkeypatch, 0)
    placements.clear()
    scorer = load(saved_models)
    assert placements == [("paligemma", "cpu", "float32", False), ("clip", "cpu", "float32", False),
                          ("head", "cpu", None, False)]
    value = scorer.score("a red apple", APPLE_SVG)  # it runs where it was placed
    assert math.isfinite(value) and value >= 0.0


def test_explicit_devices_and_the_split_layout(monkeypatch, saved_models, placements):
    fake_gpus(monkeypatch, 2)
    load(saved_models, device="split", quantize=False)
    assert [device for _, device, _, _ in placements] == ["cuda:0", "cuda:1", "cuda:1"]
    placements.clear()
    load(saved_models, device="cuda", quantize=False)
    assert [device for _, device, _, _ in placements] == ["cuda:0"] * 3


def test_a_device_the_machine_lacks_fails_before_loading_anything(monkeypatch, saved_models, placements):
    fake_gpus(monkeypatch, 2)
    with pytest.raises(ValueError, match="cuda:2.*3 GPU"):
        load(saved_models, device="cuda:2")
    fake_gpus(monkeypatch, 1)
    with pytest.raises(ValueError, match="split.*two GPUs"):
        load(saved_models, device="split")
    assert placements == []


@pytest.mark.parametrize("device, count, expected", [
    ("auto", 0, DeviceLayout("cpu", "cpu")),
    ("auto", 1, DeviceLayout("cuda:0", "cuda:0")),
    ("auto", 2, DeviceLayout("cuda:1", "cuda:1")),  # Kaggle's 2x T4: cuda:0 is the generator's or the LLM's
    ("auto", 4, DeviceLayout("cuda:1", "cuda:1")),
    ("split", 2, DeviceLayout("cuda:0", "cuda:1")),
    ("cuda", 2, DeviceLayout("cuda:0", "cuda:0")),
    ("CUDA:1", 2, DeviceLayout("cuda:1", "cuda:1")),
    ("cpu", 2, DeviceLayout("cpu", "cpu")),
])
def test_device_rule(device, count, expected):
    assert pick_devices(device, cuda_count=count) == expected


@pytest.mark.parametrize("device, count", [("split", 1), ("cuda", 0), ("cuda:1", 1), ("tpu", 1), ("cuda:x", 2)])
def test_impossible_devices_are_refused(device, count):
    with pytest.raises(ValueError, match="scorer device"):
        pick_devices(device, cuda_count=count)


def test_device_names_are_normalised():
    assert check_scorer_device(" Cuda ") == "cuda:0"
    assert check_scorer_device("cuda:3") == "cuda:3"
