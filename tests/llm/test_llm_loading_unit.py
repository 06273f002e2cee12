"""Device/dtype/quantisation decisions and source resolution, without a GPU and without loading a model."""
import os
import sys

import pytest

torch = pytest.importorskip("torch")  # the llm extra
from svgllm import weights  # noqa: E402
from svgllm.backends.llm import loading, sources  # noqa: E402
from svgllm.backends.llm.loading import DevicePlan, plan_device  # noqa: E402

T4, P100, A100 = (7, 5), (6, 0), (8, 0)


@pytest.mark.parametrize("cuda, capability, quantize, dtype, bnb, expected", [
    (False, None, "none", "auto", False, DevicePlan("cpu", "float32", False)),
    (False, None, "4bit", "auto", False, DevicePlan("cpu", "float32", False)),  # 4-bit needs CUDA: ignored
    (True, T4, "none", "auto", False, DevicePlan("cuda", "float16", False)),  # no bf16 on a T4
    (True, P100, "none", "auto", False, DevicePlan("cuda", "float16", False)),
    (True, A100, "none", "auto", False, DevicePlan("cuda", "bfloat16", False)),
    (True, T4, "4bit", "auto", True, DevicePlan("cuda", "float16", True)),
    (True, T4, "none", "bfloat16", False, DevicePlan("cuda", "float16", False)),  # asked, unsupported
    (True, A100, "none", "float32", False, DevicePlan("cuda", "float32", False)),
])
def test_plan_device(cuda, capability, quantize, dtype, bnb, expected):
    assert plan_device(cuda, capability, quantize, dtype, bnb) == expected


def test_plan_device_errors():
    with pytest.raises(ImportError, match="bitsandbytes"):
        plan_device(True, T4, "4bit", bitsandbytes=False)
    with pytest.raises(ValueError, match="quantize"):
        plan_device(False, quantize="8bit")
    with pytest.raises(ValueError, match="dtype"):
        plan_device(False, dtype="int8")


def test_device_map_puts_the_whole_model_on_one_gpu_unless_balanced():
    assert DevicePlan("cuda", "float16").device_map == {"": 0}
    assert DevicePlan("cuda", "float16", gpu=1).device_map == {"": 1}
    assert DevicePlan("cuda", "float16", gpu=None).device_map == "auto"
    assert DevicePlan("cpu", "float32").device_map is None


@pytest.mark.parametrize("text, expected", [("auto", ("auto", None)), ("cpu", ("cpu", None)), ("cuda", ("cuda", 0)),
                                            ("cuda:1", ("cuda", 1)), (" CUDA:0 ", ("cuda", 0)),
                                            ("balanced", ("balanced", None))])
def test_parse_device(text, expected):
    assert loading.parse_device(text) == expected


@pytest.mark.parametrize("text", ["gpu", "cuda:", "cuda:-1", "cuda:x", "tpu:0", ""])
def test_parse_device_rejects_other_forms(text):
    with pytest.raises(ValueError, match="cuda:N"):
        loading.parse_device(text)


def test_llm_options_validate_the_device():
    from svgllm.backends.llm.options import LLMOptions

    assert LLMOptions(device="cuda:1").device == "cuda:1"
    with pytest.raises(ValueError, match="cuda:N"):
        LLMOptions(device="gpu1")


def test_detect_plan_picks_the_asked_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    asked = []
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda index=0: asked.append(index) or (7, 5))
    monkeypatch.setattr(loading, "_has_bitsandbytes", lambda: False)
    assert loading.detect_plan(device="cuda:1") == DevicePlan("cuda", "float16", False, 1)
    assert asked == [1]
    assert loading.detect_plan(device="auto").device_map == {"": 0}
    assert loading.detect_plan(device="balanced").device_map == "auto"
    with pytest.raises(RuntimeError, match="only 2 GPU"):
        loading.detect_plan(device="cuda:2")


def test_detect_plan_on_this_machine_without_cuda(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert loading.detect_plan(quantize="4bit") == DevicePlan("cpu", "float32", False)
    with pytest.raises(RuntimeError, match="CUDA"):
        loading.detect_plan(device="cuda")


@pytest.mark.parametrize("version, keyword", [("4.46.3", "torch_dtype"), ("4.55.4", "torch_dtype"),
                                              ("4.56.0", "dtype"), ("4.57.0.dev0", "dtype"), ("5.24.0", "dtype")])
def test_dtype_keyword_follows_the_transformers_version(monkeypatch, version, keyword):
    import transformers

    monkeypatch.setattr(transformers, "__version__", version)
    assert loading.dtype_keyword() == keyword


def test_model_kwargs_for_4bit_on_a_t4():
    kwargs = loading.model_kwargs(DevicePlan("cuda", "float16", True))
    quant = kwargs["quantization_config"]
    assert quant.load_in_4bit and quant.bnb_4bit_quant_type == "nf4"
    assert quant.bnb_4bit_compute_dtype == torch.float16
    assert kwargs["device_map"] == {"": 0}  # the whole model on the first GPU
    assert kwargs[loading.dtype_keyword()] == torch.float16


def test_model_kwargs_on_cpu():
    kwargs = loading.model_kwargs(DevicePlan("cpu", "float32"))
    assert "quantization_config" not in kwargs and "device_map" not in kwargs
    assert kwargs[loading.dtype_keyword()] == torch.float32


# ------------------------------------------------------------------------------------------------- sources
def test_resolve_local_forms(tmp_path):
    hf = tmp_path / "hf"
    hf.mkdir()
    (hf / "config.json").write_text("{}")
    assert sources.resolve(hf) == sources.ModelSource("hf", hf)
    nested = tmp_path / "kaggle_version"
    (nested / "model").mkdir(parents=True)
    (nested / "model" / "config.json").write_text("{}")
    assert sources.resolve(nested) == sources.ModelSource("hf", nested / "model")
    gg = tmp_path / "g"
    gg.mkdir()
    (gg / "m.gguf").write_bytes(b"GGUF")
    assert sources.resolve(gg) == sources.ModelSource("gguf", gg / "m.gguf")
    assert sources.resolve(gg / "m.gguf").kind == "gguf"


def test_resolve_errors_are_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        sources.resolve(tmp_path / "missing")
    (tmp_path / "w.bin").write_bytes(b"x")
    with pytest.raises(ValueError, match="not a .gguf"):
        sources.resolve(tmp_path / "w.bin")
    with pytest.raises(ValueError, match="neither config.json"):
        sources.resolve(tmp_path)
    with pytest.raises(ValueError, match="empty"):
        sources.resolve("  ")
    with pytest.raises(FileNotFoundError, match="adapter_config.json"):
        sources.resolve_adapter(tmp_path)


def test_handle_resolves_to_the_attached_kaggle_input(tmp_path, monkeypatch):
    """On Kaggle an attached model is mounted under /kaggle/input/<model>/<framework>/<variation>/<version>."""
    monkeypatch.setenv(weights.KAGGLE_INPUT_ENV, str(tmp_path))
    for version in ("1", "2", "10"):
        folder = tmp_path / "svg-lora" / "transformers" / "default" / version
        folder.mkdir(parents=True)
        (folder / "config.json").write_text("{}")
    assert sources.resolve("me/svg-lora/transformers/default").path == folder  # the highest version: 10
    assert sources.resolve("me/svg-lora/transformers/default/2").path.name == "2"
    adapter = tmp_path / "svg-lora" / "transformers" / "default" / "2"
    (adapter / "adapter_config.json").write_text("{}")
    assert sources.resolve_adapter("me/svg-lora/transformers/default/2") == adapter


def test_handle_resolves_through_kagglehub_offline(tmp_path, monkeypatch):
    """Not attached: kagglehub.model_download answers from its own cache without any network call."""
    pytest.importorskip("kagglehub")
    monkeypatch.setenv(weights.KAGGLE_INPUT_ENV, str(tmp_path / "no-input"))
    monkeypatch.setenv("KAGGLEHUB_CACHE", str(tmp_path / "kh"))
    monkeypatch.delenv("KAGGLE_KERNEL_RUN_TYPE", raising=False)
    from kagglehub.cache import Cache
    from kagglehub.handle import parse_model_handle

    handle = parse_model_handle("me/svg-model/transformers/tiny/1")
    cache = Cache()
    folder = cache.get_path(handle)
    os.makedirs(folder)
    with open(os.path.join(folder, "config.json"), "w") as handle_file:
        handle_file.write("{}")
    cache.mark_as_complete(handle)
    resolved = sources.resolve("me/svg-model/transformers/tiny/1")
    assert resolved == sources.ModelSource("hf", resolved.path)
    assert os.path.samefile(resolved.path, folder)


def test_converted_gguf_is_reused_by_checksum(tmp_path, monkeypatch):
    calls = []

    def fake_save(gguf_path, out_dir):
        calls.append(gguf_path)
        (out_dir / "config.json").write_text("{}")

    monkeypatch.setattr(sources, "save_gguf_as_hf", fake_save)
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF-one")
    first = sources.converted_gguf(gguf, tmp_path / "cache")
    again = sources.converted_gguf(gguf, tmp_path / "cache")
    assert first == again and len(calls) == 1 and (first / "config.json").is_file()
    gguf.write_bytes(b"GGUF-two")  # new content, new checksum: converted again, into a new folder
    other = sources.converted_gguf(gguf, tmp_path / "cache")
    assert other != first and len(calls) == 2


def test_a_failed_conversion_leaves_no_folder(tmp_path, monkeypatch):
    def broken(gguf_path, out_dir):
        (out_dir / "partial").write_text("x")
        raise RuntimeError("disk full")

    monkeypatch.setattr(sources, "save_gguf_as_hf", broken)
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    with pytest.raises(RuntimeError, match="disk full"):
        sources.converted_gguf(gguf, tmp_path / "cache")
    assert [p.name for p in (tmp_path / "cache" / "hf").iterdir() if not p.name.endswith(".lock")] == []


def test_cache_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(sources.CACHE_ENV, str(tmp_path))
    assert sources.cache_dir() == tmp_path
    monkeypatch.delenv(sources.CACHE_ENV)
    assert sources.cache_dir().name == "svgllm"


def test_importing_the_backend_loads_nothing_heavy():
    import subprocess

    code = ("import sys, svgllm.backends.llm, svgllm.backends.llm.loading, svgllm.backends.llm.constrained; "
            "print(sorted(m for m in ('torch', 'transformers', 'peft', 'regex') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
