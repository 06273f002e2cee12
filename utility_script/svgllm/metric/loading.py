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


@dataclass(frozen=True)
class DeviceLayout:
    """Which device runs PaliGemma (VQA + OCR) and which runs CLIP + the aesthetic head."""

    vqa: str
    aesthetic: str


def pick_devices(layout: str = "auto", cuda_count: int | None = None) -> DeviceLayout:
    """Device placement: "auto" uses two GPUs when there are two (Kaggle's 2x T4: VQA on cuda:0, aesthetic
    on cuda:1), one GPU for both when there is one, else the CPU. "cpu", "cuda" (one GPU) and "split" force
    a layout.
    """
    if cuda_count is None:
        import torch

        cuda_count = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if layout == "auto":
        layout = "split" if cuda_count >= 2 else "cuda" if cuda_count == 1 else "cpu"
    if layout == "cpu":
        return DeviceLayout("cpu", "cpu")
    if layout in ("cuda", "split") and cuda_count < 1:
        raise ValueError(f"device layout {layout!r} needs CUDA, but no GPU is visible")
    if layout == "cuda":
        return DeviceLayout("cuda:0", "cuda:0")
    if layout == "split":
        if cuda_count < 2:
            raise ValueError(f"device layout 'split' needs two GPUs, {cuda_count} visible")
        return DeviceLayout("cuda:0", "cuda:1")
    raise ValueError(f"unknown device layout {layout!r}; use auto, cpu, cuda or split")


def nf4_config():
    """The metric's 4-bit setting for PaliGemma: NF4 weights, fp16 compute (T4s have no fast bf16)."""
    return shared_nf4_config("float16", double_quant=False)


def default_dtype(device: str):
    """fp16 on GPUs, fp32 on the CPU (fp16 matmuls are slow or missing there)."""
    import torch

    return torch.float16 if str(device).startswith("cuda") else torch.float32
