"""`svgllm.weights`: the one Kaggle handle resolver and the one 4-bit setting every loader uses."""
import sys
import types

import pytest
from svgllm import weights


def test_kaggle_handles_are_recognised():
    assert weights.is_kaggle_handle("google/gemma-3/transformers/gemma-3-270m")
    assert weights.is_kaggle_handle("me/svg-lora/transformers/default/3")
    for not_a_handle in ("./model", "a/b", "a/b/c/d/latest", "/abs/b/c/d"):
        assert not weights.is_kaggle_handle(not_a_handle)


def test_an_attached_input_wins_over_kagglehub(tmp_path, monkeypatch):
    monkeypatch.setenv(weights.KAGGLE_INPUT_ENV, str(tmp_path))
    monkeypatch.setitem(sys.modules, "kagglehub", types.SimpleNamespace(model_download=pytest.fail))
    for version in ("2", "10"):
        (tmp_path / "m" / "transformers" / "v" / version).mkdir(parents=True)
    assert weights.download_handle("me/m/transformers/v") == tmp_path / "m" / "transformers" / "v" / "10"
    assert weights.download_handle("me/m/transformers/v/2").name == "2"


def test_a_handle_not_attached_goes_to_kagglehub(tmp_path, monkeypatch):
    monkeypatch.setenv(weights.KAGGLE_INPUT_ENV, str(tmp_path))
    calls = []
    monkeypatch.setitem(sys.modules, "kagglehub", types.SimpleNamespace(
        model_download=lambda handle: calls.append(handle) or str(tmp_path / "cache")))
    assert weights.download_handle("me/m/transformers/v/3") == tmp_path / "cache"
    assert calls == ["me/m/transformers/v/3"]


def test_without_kagglehub_the_error_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setenv(weights.KAGGLE_INPUT_ENV, str(tmp_path))
    monkeypatch.setitem(sys.modules, "kagglehub", None)  # importing it raises ImportError
    with pytest.raises(ImportError, match=r"svgllm\[llm\]"):
        weights.download_handle("me/m/transformers/v")


@pytest.mark.parametrize(("dtype", "double"), [("float16", True), ("bfloat16", False)])
def test_nf4_config(dtype, double):
    pytest.importorskip("transformers")
    import torch

    config = weights.nf4_config(dtype, double_quant=double)
    assert config.load_in_4bit and config.bnb_4bit_quant_type == "nf4"
    assert config.bnb_4bit_compute_dtype == getattr(torch, dtype) and config.bnb_4bit_use_double_quant is double
    assert weights.nf4_config(torch.float16).bnb_4bit_compute_dtype == torch.float16
