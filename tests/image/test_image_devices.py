"""Device placement: generator on cuda:0, scorer on cuda:1 with two GPUs, shared on one, unavailable on none."""
from __future__ import annotations

import pytest
from svgllm import Model, ModelConfig
from svgllm.backends.image import ImageBackend, ImageBackendUnavailable, plan_placement
from svgllm.backends.image.devices import detect_placement


@pytest.mark.parametrize("count, generator, scorer", [(1, "cuda:0", "cuda:0"), (2, "cuda:0", "cuda:1"),
                                                      (4, "cuda:0", "cuda:1")])
def test_gpu_layouts(count, generator, scorer):
    placement = plan_placement("auto", count)
    assert (placement.generator, placement.scorer, placement.dtype) == (generator, scorer, "float16")


def test_no_gpu_is_unavailable_unless_the_cpu_is_asked_for():
    with pytest.raises(ImageBackendUnavailable, match="CUDA"):
        plan_placement("auto", 0)
    with pytest.raises(ImageBackendUnavailable):
        plan_placement("cuda", 0)
    assert plan_placement("cpu", 0) == plan_placement("cpu", 2)
    assert plan_placement("cpu", 0).dtype == "float32"
    assert plan_placement("auto", 1, dtype="float32").dtype == "float32"


def fake_gpus(monkeypatch, count: int):
    torch = pytest.importorskip("torch")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: count > 0)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: count)


def test_detect_placement_reads_a_fake_two_gpu_machine(monkeypatch):
    fake_gpus(monkeypatch, 2)
    placement = detect_placement()
    assert (placement.generator, placement.scorer) == ("cuda:0", "cuda:1")
    backend = ImageBackend(ModelConfig(backends=("image", "composer"), extra={"image": {"model": "/nowhere"}}))
    assert backend.placement == placement
    fake_gpus(monkeypatch, 1)
    assert backend.placement.scorer == "cuda:0"


def test_without_gpu_the_chain_goes_on_to_the_composer(monkeypatch, tmp_path):
    fake_gpus(monkeypatch, 0)
    config = ModelConfig(backends=("image", "composer"), deadline_s=20,
                         extra={"image": {"model": str(tmp_path)}})
    model = Model(config)
    for _ in range(2):  # the failure is remembered: the second description does not retry the load
        info = model.predict_with_info("a red fox in the snow")
        assert info.backend == "composer"
        assert info.attempts[0].backend == "image" and info.attempts[0].outcome == "error"
        assert "CUDA" in info.attempts[0].detail
