"""Fixtures of the dataset-builder tests: small build configs and a tiny diffusion pipeline.

The pipeline is a randomly initialised Stable Diffusion built from configs (nothing is downloaded). It draws
noise, not pictures, but it runs the real diffusers code path of the GPU stage: saving, loading with
`AutoPipelineForText2Image.from_pretrained(..., local_files_only=True)`, batched seeded generation.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dataset_build.config import from_dict

WORDS = ("a", "red", "cat", "blue", "sky", "flat", "vector", "illustration", "simple", "shapes")


def write_tokenizer_files(folder: Path) -> tuple[Path, Path]:
    """A CLIP BPE vocabulary of a few whole words plus the special tokens, and an empty merge list."""
    folder.mkdir(parents=True, exist_ok=True)
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for word in WORDS:
        vocab[word + "</w>"] = len(vocab)
    for char in "abcdefghijklmnopqrstuvwxyz,.":
        vocab.setdefault(char, len(vocab))
        vocab.setdefault(char + "</w>", len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (folder / "merges.txt").write_text("#version: 0.2\n", encoding="utf-8")
    return folder / "vocab.json", folder / "merges.txt"


def build_tiny_pipeline(folder: Path):
    """Save a tiny StableDiffusionPipeline into `folder` and return the folder."""
    import torch
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

    torch.manual_seed(0)
    vocab_file, merges_file = write_tokenizer_files(folder / "_tokenizer_src")
    tokenizer = CLIPTokenizer(str(vocab_file), str(merges_file), model_max_length=16)
    text_encoder = CLIPTextModel(CLIPTextConfig(vocab_size=len(json.loads(vocab_file.read_text())), hidden_size=16,
                                                intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
                                                max_position_embeddings=16, projection_dim=16))
    unet = UNet2DConditionModel(sample_size=8, in_channels=4, out_channels=4, layers_per_block=1,
                                block_out_channels=(8, 16), down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
                                up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), cross_attention_dim=16,
                                attention_head_dim=2, norm_num_groups=4)
    vae = AutoencoderKL(in_channels=3, out_channels=3, latent_channels=4, block_out_channels=(8, 8),
                        down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
                        up_block_types=("UpDecoderBlock2D", "UpDecoderBlock2D"), norm_num_groups=4, sample_size=16)
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet,
                                   scheduler=EulerDiscreteScheduler(), safety_checker=None, feature_extractor=None,
                                   requires_safety_checker=False)
    pipe.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_pipeline_dir(tmp_path_factory) -> Path:
    """A saved tiny diffusion pipeline (built once per test session, ~1 s)."""
    pytest.importorskip("diffusers")
    return build_tiny_pipeline(tmp_path_factory.mktemp("tiny-sd") / "pipeline")


def small_config(**overrides):
    """A build config small enough for a test: 12 composer scenes and 8 motifs in shards of 5, in-process."""
    data = {"name": "test", "seed": 3, "shard_size": 5, "num_proc": 1,
            "sources": {"composer": 12, "motif": 8, "diffusion": 0},
            "split": {"validation": 0.2, "test": 0.2}}
    for key, value in overrides.items():
        if isinstance(value, dict):
            data.setdefault(key, {}).update(value)
        else:
            data[key] = value
    return from_dict(data)


@pytest.fixture(scope="session")
def make_config():
    """`make_config(**overrides)` -> a small validated BuildConfig."""
    return small_config
