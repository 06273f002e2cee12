"""Where models come from and where they run: path/handle resolution, device layout, 4-bit settings.

Nothing here downloads or loads anything at import; torch, transformers and kagglehub are imported on use.
Handles and the 4-bit setting come from `svgllm.weights`, shared with the LLM backend and training.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..weights import download_handle, is_kaggle_handle
from ..weights import nf4_config as shared_nf4_config


def resolve_model_path(spec: str | os.PathLike) -> str:
    """Turn a model location into a local path.

    `spec` is a local file or folder (returned as is), or a Kaggle Models handle
    `owner/model/framework/variation[/version]` (Kaggle's attached input, else kagglehub: `svgllm.weights`).
    Anything else raises FileNotFoundError naming what was tried.
    """
    text = str(spec)
    if Path(text).expanduser().exists():
        return str(Path(text).expanduser())
    if is_kaggle_handle(text.strip("/")):
        try:
            return str(download_handle(text.strip("/")))
        except ImportError:
            raise FileNotFoundError(
                f"{text!r} is not a local path; it looks like a kagglehub handle, but kagglehub is missing"
            ) from None
    raise FileNotFoundError(
        f"model location {text!r} is neither an existing path nor a kagglehub handle "
        "(owner/model/framework/variation[/version])"
    )


# The one rule for where the metric scorer runs (MetricOptions.device, the CLI's --devices, and the image
# backend's `Placement.scorer`): the generator or LLM takes cuda:0, so with two GPUs the scorer has cuda:1 to itself.
SCORER_DEVICE_HELP = ('"auto" (all of it on cuda:1 with two GPUs, cuda:0 has the generator or LLM; cuda:0 with '
                      'one; else the CPU), "cpu", "cuda" (= "cuda:0"), "cuda:N" (all of it on GPU N) or "split" '
                      '(PaliGemma on cuda:0, CLIP on cuda:1)')


@dataclass(frozen=True)
class DeviceLayout:
    """Which device runs PaliGemma (VQA + OCR) and which runs CLIP + the aesthetic head."""

    vqa: str
    aesthetic: str


def check_scorer_device(text: str) -> str:
    """`text` normalised ("cuda" -> "cuda:0") if it is one of SCORER_DEVICE_HELP's forms, else ValueError."""
    value = str(text).strip().lower()
    if value == "cuda":
        return "cuda:0"
    head, _, index = value.partition(":")
    if value in ("auto", "cpu", "split") or (head == "cuda" and index.isdigit()):
        return value
    raise ValueError(f"scorer device must be {SCORER_DEVICE_HELP}; got {text!r}")


def pick_devices(device: str = "auto", cuda_count: int | None = None) -> DeviceLayout:
    """Where PaliGemma and CLIP go for a scorer device setting (SCORER_DEVICE_HELP) on `cuda_count` GPUs
    (None: count this machine's). A setting the machine cannot honour is a ValueError, never a silent CPU."""
    device = check_scorer_device(device)
    if cuda_count is None:
        import torch

        cuda_count = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if device == "auto":
        device = "cuda:1" if cuda_count >= 2 else "cuda:0" if cuda_count == 1 else "cpu"
    if device == "cpu":
        return DeviceLayout("cpu", "cpu")
    if device == "split":
        if cuda_count < 2:
            raise ValueError(f"scorer device 'split' needs two GPUs, {cuda_count} visible")
        return DeviceLayout("cuda:0", "cuda:1")
    index = int(device.partition(":")[2])
    if index >= cuda_count:
        raise ValueError(f"scorer device {device!r} needs {index + 1} GPU(s), {cuda_count} visible")
    return DeviceLayout(device, device)


def nf4_config():
    """The metric's 4-bit setting for PaliGemma: NF4 weights, fp16 compute (T4s have no fast bf16)."""
    return shared_nf4_config("float16", double_quant=False)


def default_dtype(device: str):
    """fp16 on GPUs, fp32 on the CPU (fp16 matmuls are slow or missing there)."""
    import torch

    return torch.float16 if str(device).startswith("cuda") else torch.float32
