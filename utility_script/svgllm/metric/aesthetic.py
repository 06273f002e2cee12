"""The aesthetic score: CLIP ViT-L/14 image features through the LAION "improved aesthetic predictor" head.

Facts (competition README): OpenAI CLIP ViT-L/14 image embeddings, L2-normalised, go through an MLP
768-1024-128-64-16-1 (the `sac+logos+ava1-l14-linearMSE` weights); the score is the output / 10, not clipped.
The head is built so that the published state dict (keys `layers.0`, `layers.2`, `layers.4`, `layers.6`,
`layers.7`: linear layers with dropouts between the first four) loads without renaming.
"""
from __future__ import annotations

from pathlib import Path

HEAD_SIZES = (768, 1024, 128, 64, 16, 1)
SCORE_DIVISOR = 10.0


def build_head(input_size: int = HEAD_SIZES[0]):
    """The MLP head, randomly initialised (weights come from `load_head`); linear layers, no activations."""
    from torch import nn

    class AestheticHead(nn.Module):
        """768 -> 1024 -> 128 -> 64 -> 16 -> 1, dropout after the first three layers (inactive in eval)."""

        def __init__(self):
            super().__init__()
            self.input_size = input_size
            self.layers = nn.Sequential(
                nn.Linear(input_size, 1024),
                nn.Dropout(0.2),
                nn.Linear(1024, 128),
                nn.Dropout(0.2),
                nn.Linear(128, 64),
                nn.Dropout(0.1),
                nn.Linear(64, 16),
                nn.Linear(16, 1),
            )

        def forward(self, features):
            return self.layers(features)

    return AestheticHead()


def load_head(path: str, device: str = "cpu"):
    """Build the head and load weights from a `.pth`/`.pt` state dict or a `.safetensors` file."""
    import torch

    file = Path(path)
    if file.is_dir():  # a Kaggle model folder: take the single weights file inside
        found = sorted(p for p in file.iterdir() if p.suffix in (".pth", ".pt", ".safetensors"))
        if len(found) != 1:
            raise FileNotFoundError(f"expected one .pth/.pt/.safetensors file in {file}, found {len(found)}")
        file = found[0]
    if file.suffix == ".safetensors":
        from safetensors.torch import load_file

        state = load_file(str(file))
    else:
        state = torch.load(str(file), map_location="cpu", weights_only=True)
    state = state.get("state_dict", state) if isinstance(state, dict) else state
    input_size = state["layers.0.weight"].shape[1]
    head = build_head(input_size)
    head.load_state_dict(state)
    return head.to(device).eval()


class Aesthetic:
    """CLIP image features -> aesthetic head -> score / 10."""

    def __init__(self, clip_model, clip_processor, head, device: str = "cpu"):
        self.clip_model = clip_model.eval()
        self.clip_processor = clip_processor
        self.head = head.eval()
        self.device = device

    @classmethod
    def load(cls, clip_spec: str, head_spec: str, device: str = "cpu", dtype=None) -> Aesthetic:
        """Load CLIP (HF folder or kagglehub handle of openai/clip-vit-large-patch14) and the head weights."""
        from transformers import CLIPImageProcessor, CLIPModel

        from .loading import default_dtype, resolve_model_path

        clip_path = resolve_model_path(clip_spec)
        # device_map puts the weights straight on `device` (no CPU copy first), as PaliGemma.load does
        model = CLIPModel.from_pretrained(clip_path, dtype=dtype or default_dtype(device), device_map={"": device})
        head = load_head(resolve_model_path(head_spec), device)
        return cls(model, CLIPImageProcessor.from_pretrained(clip_path), head, device)

    def features(self, images):
        """L2-normalised CLIP image embeddings, float32, shape (n, projection size)."""
        import torch

        pixels = self.clip_processor(images=list(images), return_tensors="pt")["pixel_values"]
        dtype = next(self.clip_model.parameters()).dtype
        with torch.inference_mode():
            output = self.clip_model.get_image_features(pixel_values=pixels.to(self.device, dtype))
        # transformers 5 returns an output object whose pooler_output is the projected embedding; 4.x a tensor
        embeddings = output if isinstance(output, torch.Tensor) else output.pooler_output
        embeddings = embeddings.float()
        return embeddings / embeddings.norm(dim=-1, keepdim=True)

    def scores(self, images) -> list[float]:
        """Aesthetic score of each image: head output / 10 (roughly 0..1, not clipped)."""
        import torch

        features = self.features(images)
        head_dtype = next(self.head.parameters()).dtype
        with torch.inference_mode():
            raw = self.head(features.to(self.device, head_dtype)).float().reshape(-1)
        return [float(value) / SCORE_DIVISOR for value in raw.cpu()]

    def score(self, image) -> float:
        """Aesthetic score of one image."""
        return self.scores([image])[0]
