"""Token counting: the cached Gemma tokenizer when present, otherwise an estimate that says so."""
from __future__ import annotations

import pytest

from dataset_build.tokens import BYTES_ESTIMATE_RATIO, METHOD_ESTIMATE, METHOD_GEMMA, TokenCounter, find_tokenizer_file

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256">\n<circle cx="128" cy="64" r="30"/>\n</svg>'


def test_estimate_without_a_cached_tokenizer(tmp_path, monkeypatch):
    monkeypatch.setenv("SVGLLM_CACHE", str(tmp_path))
    counter = TokenCounter(allow_gguf=False)
    assert counter.method == METHOD_ESTIMATE
    assert counter.count(SVG) == round(len(SVG.encode()) * BYTES_ESTIMATE_RATIO)
    with pytest.raises(FileNotFoundError):
        TokenCounter(allow_estimate=False, allow_gguf=False)
    with pytest.raises(FileNotFoundError):
        find_tokenizer_file(tmp_path / "missing.json")


def test_a_tokenizer_file_is_used_when_given(tmp_path):
    tokenizers = pytest.importorskip("tokenizers")
    from tokenizers import models, pre_tokenizers

    tokenizer = tokenizers.Tokenizer(models.WordLevel({"[UNK]": 0, "<svg": 1}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    path = tmp_path / "tokenizer.json"
    tokenizer.save(str(path))
    counter = TokenCounter(tmp_path)
    assert counter.method == METHOD_GEMMA
    assert counter.count("<svg a b") == 3


def test_gemma_tokenizer_counts_digits_separately():
    path = find_tokenizer_file()  # converts the bundled GGUF's tokenizer once when nothing is cached
    if path is None:
        pytest.skip("no Gemma tokenizer: neither cached nor the bundled GGUF package installed")
    counter = TokenCounter()
    assert counter.count("1234") >= 4  # Gemma splits numbers digit by digit
