"""Model locations and the 4-bit setting (device placement: test_metric_devices.py)."""
import pytest
from svgllm.metric.loading import resolve_model_path


def test_local_paths_resolve_to_themselves(tmp_path):
    assert resolve_model_path(tmp_path) == str(tmp_path)


@pytest.mark.parametrize("spec", ["./missing-folder", "/nope/nope", "just-a-name", "a/b"])
def test_unknown_locations_are_a_clear_error(spec):
    with pytest.raises(FileNotFoundError, match="neither an existing path nor a kagglehub handle"):
        resolve_model_path(spec)


def test_handles_go_to_kagglehub(monkeypatch):
    import sys
    import types

    calls = []
    fake = types.SimpleNamespace(model_download=lambda handle: calls.append(handle) or "/downloaded")
    monkeypatch.setitem(sys.modules, "kagglehub", fake)
    assert resolve_model_path("google/paligemma-2/transformers/paligemma2-10b-mix-448") == "/downloaded"
    assert calls == ["google/paligemma-2/transformers/paligemma2-10b-mix-448"]


def test_nf4_settings():
    pytest.importorskip("transformers")
    import torch
    from svgllm.metric.loading import nf4_config

    config = nf4_config()
    assert config.load_in_4bit and config.bnb_4bit_quant_type == "nf4"
    assert config.bnb_4bit_compute_dtype == torch.float16
