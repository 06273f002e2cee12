"""Random-weight models for benchmarks/gpu_check.py, built from configs with no download: a causal LM of a recipe's
architecture with a small SVG-character tokenizer, and tiny PaliGemma / CLIP / aesthetic-head metric models.

The architectures come from the training recipes (`model.architecture`, the one home of those facts); `TINY_LLM`
shrinks one for CPU smoke runs while keeping its model type, so the same code paths run.
"""
from __future__ import annotations

import string
from pathlib import Path

# Shrunk sizes for --cpu-smoke: same model type and layout, a few thousand parameters per layer.
TINY_LLM = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=2,
                num_key_value_heads=1, head_dim=32, vocab_size=1024)
SVG_PIECES = ('<svg', '<rect', '<circle', '<path', '<g', ' x="', ' y="', ' width="', ' height="', ' fill="',
              ' d="', ' r="', ' cx="', ' cy="', '"/>', '">', '</svg>', '</g>', 'xmlns', 'viewBox')


def svg_tokenizer():
    """A Gemma-style BPE tokenizer (byte fallback) over printable characters plus a few SVG pieces, with <eos>/<pad>.

    Pieces are added as whole tokens, so generation can write them in one step as a real SVG tokenizer would.
    """
    from transformers import GemmaTokenizer

    vocab = {"<pad>": 0, "<eos>": 1, "<bos>": 2, "<unk>": 3}
    for byte in range(256):
        vocab[f"<0x{byte:02X}>"] = len(vocab)
    for char in string.ascii_letters + string.digits + string.punctuation + "▁":
        vocab.setdefault(char, len(vocab))
    tokenizer = GemmaTokenizer(vocab=vocab, merges=[])
    tokenizer.add_tokens(list(SVG_PIECES))
    return tokenizer


def architecture(recipe, tiny: bool) -> dict:
    """The recipe's `model.architecture`, shrunk to `TINY_LLM` sizes when `tiny`."""
    values = dict(recipe.model.architecture)
    if tiny:
        values.update(TINY_LLM)
        if "sliding_window" in values:
            values["sliding_window"] = 16
    return values


def random_causal_lm(arch: dict, folder: Path, device: str = "cpu", dtype: str = "float32", seed: int = 0) -> Path:
    """Save a random-weight causal LM of `arch` (with `svg_tokenizer`) as an HF folder; built on `device`."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    values = dict(arch)
    config = AutoConfig.for_model(values.pop("model_type"), **values)
    torch.manual_seed(seed)
    with torch.device(device):
        model = AutoModelForCausalLM.from_config(config, dtype=getattr(torch, dtype))
    folder = Path(folder)
    model.save_pretrained(str(folder))
    svg_tokenizer().save_pretrained(str(folder))
    del model
    return folder


def tiny_metric_models(seed: int = 0):
    """(PaliGemma model, processor, CLIP model, CLIP image processor): 1-layer towers, 28 px images, random."""
    import torch
    from transformers import (
        CLIPConfig,
        CLIPModel,
        CLIPTextConfig,
        CLIPVisionConfig,
        Gemma2Config,
        PaliGemmaConfig,
        PaliGemmaForConditionalGeneration,
        PaliGemmaProcessor,
        SiglipImageProcessor,
        SiglipVisionConfig,
    )
    from transformers import CLIPImageProcessor as ClipPixels

    torch.manual_seed(seed)
    pixels = SiglipImageProcessor(size={"height": 28, "width": 28})
    pixels.image_seq_length = 4  # (28 / 14) ** 2 patches
    processor = PaliGemmaProcessor(image_processor=pixels, tokenizer=_letter_tokenizer())
    vision = SiglipVisionConfig(image_size=28, patch_size=14, hidden_size=32, intermediate_size=64,
                                num_hidden_layers=1, num_attention_heads=2)
    text = Gemma2Config(vocab_size=len(processor.tokenizer), hidden_size=32, intermediate_size=64,
                        num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=1, head_dim=16)
    paligemma = PaliGemmaForConditionalGeneration(PaliGemmaConfig(
        vision_config=vision.to_dict(), text_config=text.to_dict(), image_token_id=processor.image_token_id,
        projection_dim=32)).eval()
    clip = CLIPModel(CLIPConfig(
        text_config=CLIPTextConfig(vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                                   num_attention_heads=2, max_position_embeddings=16, bos_token_id=0,
                                   eos_token_id=1, pad_token_id=1).to_dict(),
        vision_config=CLIPVisionConfig(image_size=28, patch_size=14, hidden_size=32, intermediate_size=64,
                                       num_hidden_layers=1, num_attention_heads=2).to_dict(),
        projection_dim=768)).eval()  # 768: the aesthetic head's input width
    clip_pixels = ClipPixels(size={"shortest_edge": 28}, crop_size={"height": 28, "width": 28})
    return paligemma, processor, clip, clip_pixels


def _letter_tokenizer():
    """Gemma-style tokenizer where "A" and " A" (▁A) are single tokens, as the VQA letter scoring expects."""
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
