"""Fixtures for the metric tests: tiny randomly initialised PaliGemma and CLIP models built offline from
configs, a tiny Gemma-style BPE tokenizer, and questions in the style of the competition's train.jsonl."""
from __future__ import annotations

import json
import string

import pytest
from metric_samples import ITEMS


@pytest.fixture(scope="session")
def items():
    """The test descriptions as `svgllm.metric.score.Item`s."""
    from svgllm.metric.score import Item

    return [Item.from_dict(row) for row in ITEMS]


@pytest.fixture
def questions_file(tmp_path):
    """The test items as a JSON-lines file."""
    path = tmp_path / "questions.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ITEMS), encoding="utf-8")
    return path


def build_tokenizer():
    """A tiny Gemma-style BPE tokenizer: byte fallback, single characters, and "▁A".."▁Z" merged tokens
    so both "A" and " A" are single tokens, as in Gemma's real vocabulary."""
    from transformers import GemmaTokenizer

    vocab = {"<pad>": 0, "<eos>": 1, "<bos>": 2, "<unk>": 3, "<mask>": 4}
    for byte in range(256):
        vocab[f"<0x{byte:02X}>"] = len(vocab)
    for char in sorted(set(string.ascii_letters + string.digits + string.punctuation + "▁")):
        vocab.setdefault(char, len(vocab))
    merges = []
    for letter in string.ascii_uppercase:
        vocab["▁" + letter] = len(vocab)
        merges.append(("▁", letter))
    return GemmaTokenizer(vocab=vocab, merges=merges)


def build_paligemma(seed: int = 0):
    """(model, processor): PaliGemma 2 layout (SigLIP + Gemma 2), 1-layer 32-wide towers, 28 px images."""
    import torch
    from transformers import (
        Gemma2Config,
        PaliGemmaConfig,
        PaliGemmaForConditionalGeneration,
        PaliGemmaProcessor,
        SiglipVisionConfig,
    )
    from transformers.models.siglip.image_processing_pil_siglip import SiglipImageProcessorPil

    image_processor = SiglipImageProcessorPil(size={"height": 28, "width": 28})
    image_processor.image_seq_length = 4  # (28 / 14) ** 2 patches
    processor = PaliGemmaProcessor(image_processor=image_processor, tokenizer=build_tokenizer())
    vision = SiglipVisionConfig(image_size=28, patch_size=14, hidden_size=32, intermediate_size=64,
                                num_hidden_layers=1, num_attention_heads=2)
    text = Gemma2Config(vocab_size=len(processor.tokenizer), hidden_size=32, intermediate_size=64,
                        num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=1, head_dim=16)
    config = PaliGemmaConfig(vision_config=vision.to_dict(), text_config=text.to_dict(),
                             image_token_id=processor.image_token_id, projection_dim=32)
    torch.manual_seed(seed)
    return PaliGemmaForConditionalGeneration(config).eval(), processor


def build_clip(seed: int = 0):
    """(model, image processor): CLIP with 1-layer towers and a 768-wide projection (the head's input)."""
    import torch
    from transformers import CLIPConfig, CLIPModel, CLIPTextConfig, CLIPVisionConfig
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    config = CLIPConfig(
        text_config=CLIPTextConfig(vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                                   num_attention_heads=2, max_position_embeddings=16, bos_token_id=0,
                                   eos_token_id=1, pad_token_id=1).to_dict(),
        vision_config=CLIPVisionConfig(image_size=28, patch_size=14, hidden_size=32, intermediate_size=64,
                                       num_hidden_layers=1, num_attention_heads=2).to_dict(),
        projection_dim=768)
    torch.manual_seed(seed)
    processor = CLIPImageProcessorPil(size={"shortest_edge": 28}, crop_size={"height": 28, "width": 28})
    return CLIPModel(config).eval(), processor


@pytest.fixture(scope="session")
def tiny_paligemma():
    """A `svgllm.metric.vqa.PaliGemma` around the tiny random model, on the CPU."""
    pytest.importorskip("transformers")
    from svgllm.metric.vqa import PaliGemma

    model, processor = build_paligemma()
    return PaliGemma(model, processor, "cpu")


@pytest.fixture(scope="session")
def tiny_aesthetic():
    """A `svgllm.metric.aesthetic.Aesthetic` with the tiny CLIP and a randomly initialised head."""
    pytest.importorskip("transformers")
    import torch
    from svgllm.metric.aesthetic import Aesthetic, build_head

    model, processor = build_clip()
    torch.manual_seed(1)
    return Aesthetic(model, processor, build_head().eval(), "cpu")


@pytest.fixture(scope="session")
def saved_models(tmp_path_factory, tiny_paligemma, tiny_aesthetic):
    """The tiny models saved as on disk (HF folders + a .pth head): {"vqa", "clip", "head"} -> path."""
    import torch

    root = tmp_path_factory.mktemp("models")
    tiny_paligemma.model.save_pretrained(root / "paligemma")
    tiny_paligemma.processor.save_pretrained(root / "paligemma")
    tiny_aesthetic.clip_model.save_pretrained(root / "clip")
    tiny_aesthetic.clip_processor.save_pretrained(root / "clip")
    torch.save(tiny_aesthetic.head.state_dict(), root / "head.pth")
    return {"vqa": str(root / "paligemma"), "clip": str(root / "clip"), "head": str(root / "head.pth")}
