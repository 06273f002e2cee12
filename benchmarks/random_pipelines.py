"""Randomly initialised diffusers pipelines built from configs written here (nothing is downloaded).

- `tiny_sd`: a Stable Diffusion pipeline of a few thousand parameters: draws noise, not pictures, but runs the
  image backend's real code path (saving, offline loading, seeded batches) on a CPU in a fraction of a second.
- `sdxl`: the SDXL architecture at its real size (UNet 2.6 B parameters, CLIP ViT-L and OpenCLIP bigG text encoders,
  the SDXL autoencoder), the one SDXL-Turbo and — with fewer UNet blocks — SSD-1B use: random weights give the real
  memory and speed. Built straight on the target device in the target dtype.

Both use a tokenizer of a few dozen whole words written on the fly: the pipelines pad every prompt to the tokenizer's
`model_max_length`, so the text encoders see real-length sequences whatever the words are.
"""
from __future__ import annotations

import json
from pathlib import Path

WORDS = ("a", "red", "cat", "blue", "sky", "flat", "vector", "illustration", "simple", "shapes", "solid", "minimal")

# SDXL facts (the published stabilityai config.json files): UNet channels 320/640/1280 with 64-channel heads and
# 1/2/10 transformer layers per level, 2,048-wide cross-attention (768 + 1,280 from the two text encoders) and a
# 2,816-wide added embedding (1,280 pooled text + 6 x 256 size/crop conditioning).
SDXL_UNET = dict(sample_size=128, in_channels=4, out_channels=4, layers_per_block=2,
                 block_out_channels=(320, 640, 1280), attention_head_dim=(5, 10, 20),
                 down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
                 up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
                 transformer_layers_per_block=(1, 2, 10), cross_attention_dim=2048, use_linear_projection=True,
                 addition_embed_type="text_time", addition_time_embed_dim=256,
                 projection_class_embeddings_input_dim=2816)
SDXL_TEXT_L = dict(vocab_size=49408, hidden_size=768, intermediate_size=3072, num_hidden_layers=12,
                   num_attention_heads=12, max_position_embeddings=77, hidden_act="quick_gelu", projection_dim=768)
SDXL_TEXT_G = dict(vocab_size=49408, hidden_size=1280, intermediate_size=5120, num_hidden_layers=32,
                   num_attention_heads=20, max_position_embeddings=77, hidden_act="gelu", projection_dim=1280)
SDXL_VAE = dict(in_channels=3, out_channels=3, latent_channels=4, layers_per_block=2,
                block_out_channels=(128, 256, 512, 512), down_block_types=("DownEncoderBlock2D",) * 4,
                up_block_types=("UpDecoderBlock2D",) * 4, sample_size=1024, scaling_factor=0.13025)


def word_tokenizer(folder: Path, max_length: int):
    """A CLIPTokenizer over `WORDS` and single letters (no merges), files written into `folder`."""
    from transformers import CLIPTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for word in WORDS:
        vocab[word + "</w>"] = len(vocab)
    for char in "abcdefghijklmnopqrstuvwxyz,.":
        vocab.setdefault(char, len(vocab))
        vocab.setdefault(char + "</w>", len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    (folder / "merges.txt").write_text("#version: 0.2\n", encoding="utf-8")
    return CLIPTokenizer(str(folder / "vocab.json"), str(folder / "merges.txt"), model_max_length=max_length)


def tiny_sd(folder: Path, seed: int = 0) -> Path:
    """Save a tiny random StableDiffusionPipeline into `folder` (32x32 latents -> 64 px images); returns it."""
    import torch
    from diffusers import AutoencoderKL, EulerDiscreteScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    torch.manual_seed(seed)
    folder = Path(folder)
    tokenizer = word_tokenizer(folder.parent / (folder.name + "-tokenizer-src"), 16)
    text_encoder = CLIPTextModel(CLIPTextConfig(vocab_size=len(tokenizer), hidden_size=16, intermediate_size=32,
                                                num_hidden_layers=1, num_attention_heads=2,
                                                max_position_embeddings=16, projection_dim=16))
    unet = UNet2DConditionModel(sample_size=8, in_channels=4, out_channels=4, layers_per_block=1,
                                block_out_channels=(8, 16), down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
                                up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), cross_attention_dim=16,
                                attention_head_dim=2, norm_num_groups=4)
    vae = AutoencoderKL(in_channels=3, out_channels=3, latent_channels=4, block_out_channels=(8, 8),
                        down_block_types=("DownEncoderBlock2D",) * 2, up_block_types=("UpDecoderBlock2D",) * 2,
                        norm_num_groups=4, sample_size=16)
    pipe = StableDiffusionPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet,
                                   scheduler=EulerDiscreteScheduler(), safety_checker=None, feature_extractor=None,
                                   requires_safety_checker=False)
    pipe.save_pretrained(str(folder))
    return folder


def tiny_autoencoder(folder: Path, seed: int = 0) -> Path:
    """Save a tiny random AutoencoderTiny (the taesd design, 2x down/up-sampling to match `tiny_sd`'s VAE)."""
    import torch
    from diffusers import AutoencoderTiny

    torch.manual_seed(seed)
    vae = AutoencoderTiny(encoder_block_out_channels=(8, 8), decoder_block_out_channels=(8, 8),
                          num_encoder_blocks=(1, 1), num_decoder_blocks=(1, 1), latent_channels=4,
                          upsampling_scaling_factor=2)
    vae.save_pretrained(str(folder))
    return Path(folder)


def sdxl(device: str, dtype, scratch: Path, unet_overrides: dict | None = None):
    """The SDXL architecture at real size with random weights, built on `device` in `dtype` (no files but a
    tokenizer in `scratch`). `unet_overrides` shrink it for CPU smoke runs."""
    import torch
    from diffusers import (
        AutoencoderKL,
        EulerAncestralDiscreteScheduler,
        StableDiffusionXLPipeline,
        UNet2DConditionModel,
    )
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

    small = bool(unet_overrides)
    unet_config = {**SDXL_UNET, **(unet_overrides or {})}
    text_l, text_g, vae_config = dict(SDXL_TEXT_L), dict(SDXL_TEXT_G), dict(SDXL_VAE)
    if small:  # keep the wiring (two encoders, 2,048-wide context), shrink every layer count and width
        text_l.update(hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=2,
                      projection_dim=32)
        text_g.update(hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=2,
                      projection_dim=64)
        vae_config.update(block_out_channels=(8, 8), layers_per_block=1, norm_num_groups=4,
                          down_block_types=("DownEncoderBlock2D",) * 2, up_block_types=("UpDecoderBlock2D",) * 2)
    tokenizer = word_tokenizer(Path(scratch) / "sdxl-tokenizer", 77)
    with torch.device(device):
        previous = torch.get_default_dtype()
        torch.set_default_dtype(dtype)  # allocate in the target dtype: a 2.6 B UNet never exists in fp32
        try:
            unet = UNet2DConditionModel(**unet_config)
            encoder_l = CLIPTextModel(CLIPTextConfig(**text_l))
            encoder_g = CLIPTextModelWithProjection(CLIPTextConfig(**text_g))
            vae = AutoencoderKL(**vae_config)
        finally:
            torch.set_default_dtype(previous)
    scheduler = EulerAncestralDiscreteScheduler(timestep_spacing="trailing")
    pipe = StableDiffusionXLPipeline(vae=vae, text_encoder=encoder_l, text_encoder_2=encoder_g,
                                     tokenizer=tokenizer, tokenizer_2=tokenizer, unet=unet, scheduler=scheduler)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def parameter_count(pipe) -> dict[str, int]:
    """Parameters per torch component of a pipeline (unet, text_encoder, ...)."""
    import torch

    return {name: sum(p.numel() for p in part.parameters()) for name, part in pipe.components.items()
            if isinstance(part, torch.nn.Module)}
