"""Model weights shared by every loader (LLM, metric, image backend, training): Kaggle handles and 4-bit settings.

A Kaggle Models handle (`owner/model/framework/variation[/version]`) resolves to Kaggle's attached input first,
then to kagglehub (which answers from its cache offline); nothing here downloads from a model hub by itself.
torch, transformers and kagglehub are imported on use only.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

KAGGLE_INPUT_ENV = "SVGLLM_KAGGLE_INPUT"  # where Kaggle mounts attached models; overridable for tests
DEFAULT_KAGGLE_INPUT = "/kaggle/input"
# owner/model/framework/variation[/version]: the form of a Kaggle Models handle.
HANDLE_PATTERN = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[0-9]+)?$")


def is_kaggle_handle(text: str) -> bool:
    """True when `text` looks like a Kaggle Models handle and is not an existing local path."""
    return bool(HANDLE_PATTERN.match(text)) and not Path(text).exists()


def kaggle_input_path(handle: str) -> Path | None:
    """Where Kaggle mounts an attached model (`<input>/<model>/<framework>/<variation>/<version>`), if present.

    Without a version, the highest numbered version folder is taken. Checked before kagglehub so an attached
    model is found without any network call.
    """
    parts = handle.split("/")
    base = Path(os.environ.get(KAGGLE_INPUT_ENV, DEFAULT_KAGGLE_INPUT)).joinpath(parts[1], parts[2], parts[3])
    if len(parts) == 5:
        return base / parts[4] if (base / parts[4]).is_dir() else None
    versions = sorted((p for p in base.glob("*") if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
    return versions[-1] if versions else None


def download_handle(handle: str) -> Path:
    """Resolve a Kaggle Models handle to a local folder: the attached input first, then kagglehub.

    ImportError (naming the extra to install) when the model is not attached and kagglehub is missing.
    """
    attached = kaggle_input_path(handle)
    if attached is not None:
        return attached
    try:
        import kagglehub
    except ImportError as error:
        raise ImportError(f"resolving the handle {handle!r} needs kagglehub (pip install 'svgllm[llm]')") from error
    return Path(kagglehub.model_download(handle))


def nf4_config(compute_dtype="float16", double_quant: bool = True):
    """The project's 4-bit setting (`transformers.BitsAndBytesConfig`): NF4 weights, `compute_dtype` matmuls.

    `compute_dtype` is a torch dtype or its name ("float16" on T4/P100, which lack fast bf16; "bfloat16" on
    newer GPUs). `double_quant` also quantises the quantisation constants (~0.4 bit per weight saved).
    """
    import torch
    from transformers import BitsAndBytesConfig

    dtype = getattr(torch, compute_dtype) if isinstance(compute_dtype, str) else compute_dtype
    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=double_quant,
                              bnb_4bit_compute_dtype=dtype)
