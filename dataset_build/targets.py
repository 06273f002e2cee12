"""Sources of (description, raw SVG) pairs: composer scenes, emoji motifs, diffusion images vectorised.

Each source yields `RawPair`s; `dataset_build.build` normalises and checks them. The composer and motif sources
run on CPU at any scale. The diffusion source needs a GPU and a locally available text-to-image model (an
SD-Turbo class pipeline attached on Kaggle): `load_pipeline` and `generate_images` import diffusers and torch
only when called, so this module stays light.
"""
from __future__ import annotations

import functools
import hashlib
import random
from dataclasses import dataclass

from svgllm.values import CANVAS_SIZE

from .descriptions import clean_description, guess_category

SOURCES = ("composer", "motif", "diffusion")
# Appended to every diffusion prompt: flat, few-colour illustrations vectorise into compact, faithful SVG.
PROMPT_SUFFIX = ", flat vector illustration, simple shapes, solid colors, minimal, centered, plain background"
# Motif library categories (emoji groups) -> this package's categories, when the name's words do not decide.
MOTIF_CATEGORY = {"Animals & Nature": "animals", "Food & Drink": "food", "Objects": "objects",
                  "Activities": "objects", "Travel & Places": "buildings", "People & Body": "objects"}
MOTIF_BACKGROUNDS = {"#f4efe6": "cream", "#e8f1f8": "pale blue", "#eef6ea": "pale green", "#fbeee9": "pale pink",
                     "#f1ecf7": "lavender", "#ffffff": "white", "#fdf6dc": "pale yellow"}
# Motif names that read wrong with "a" in front of them.
MASS_NOUNS = frozenset({"butter", "garlic", "rice", "money", "popcorn", "salt", "bread", "cheese", "honey", "sushi",
                        "spaghetti", "broccoli", "corn", "meat", "bacon", "water", "ice", "soap", "luggage",
                        "chocolate", "tea", "coffee", "milk", "candy", "fondue", "curry", "oden", "sake", "tofu",
                        "juice", "stew", "salad", "pasta", "mate", "wine", "soup", "oil", "fire", "snow"})
MOTIF_FILL = 0.78  # share of the canvas the motif's box covers


@dataclass(frozen=True)
class RawPair:
    """One raw pair before normalisation; its `svg` is also the reference the normalised render is compared with."""

    description: str
    category: str
    source: str
    svg: str


def composer_candidates(pairs) -> list[RawPair]:
    """Draw every (description, category) pair with the embedded composer backend (deterministic)."""
    from svgllm.backends.composer import compose

    return [RawPair(description, category, "composer", compose(description)) for description, category in pairs]


def motif_description(name: str, background: str | None = None) -> str | None:
    """A competition-style phrase for a motif name: "hot-air-balloon" -> "a hot air balloon on a white background".

    Plurals, mass nouns and activities ("-ing") get no article; the background, when given, is named as the
    description names what the picture shows.
    """
    words = name.replace("-", " ").strip()
    if not words:
        return None
    last = words.split()[-1]
    bare = (last.endswith("s") and not last.endswith("ss")) or last.endswith("ing") or last in MASS_NOUNS
    phrase = words if bare else f"{'an' if words[0] in 'aeiou' else 'a'} {words}"
    if background:
        phrase += f" on a {MOTIF_BACKGROUNDS[background]} background"
    return clean_description(phrase)


def motif_category(description: str, group: str) -> str:
    """The category for a motif: its words first, the emoji group when the words say nothing."""
    guessed = guess_category(description.split(" on a ")[0])  # the background words say nothing
    if guessed == "objects" and group in MOTIF_CATEGORY:
        return MOTIF_CATEGORY[group]
    return guessed


def motif_svg(body: str, size: int, background: str) -> str:
    """The motif centred on a plain background, in the motif's own box units (normalised later)."""
    canvas = size / MOTIF_FILL
    offset = (canvas - size) / 2
    # width/height make the reference render sharp (the box is only ~40 units: rendered at its own size it blurs)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS_SIZE}" height="{CANVAS_SIZE}" '
            f'viewBox="0 0 {canvas:.3f} {canvas:.3f}">'
            f'<rect width="{canvas:.3f}" height="{canvas:.3f}" fill="{background}"/>'
            f'<g transform="translate({offset:.3f} {offset:.3f})">{body}</g></svg>')


@functools.lru_cache(maxsize=4)
def _motif_candidates(limit: int | None, seed: int) -> tuple[RawPair, ...]:
    return tuple(_build_motif_candidates(limit, seed))


def motif_candidates(limit: int | None = None, seed: int = 0) -> list[RawPair]:
    """Motifs of the bundled library with their names as descriptions, in a seeded order (cached per process)."""
    return list(_motif_candidates(limit, seed))


def _build_motif_candidates(limit: int | None = None, seed: int = 0) -> list[RawPair]:
    """Motifs of the bundled library with their names as descriptions, in a seeded order (all when no limit)."""
    from svgllm.backends.composer import load_library

    library = load_library()
    names = sorted(library)
    random.Random(seed).shuffle(names)
    out: list[RawPair] = []
    for name in names:
        if limit is not None and len(out) >= limit:
            break
        motif = library[name]
        # the background is a function of the name, so reruns and shards agree
        digest = int(hashlib.sha256(name.encode()).hexdigest(), 16)
        background = list(MOTIF_BACKGROUNDS)[digest % len(MOTIF_BACKGROUNDS)]
        description = motif_description(name, background)
        if description is None:
            continue
        out.append(RawPair(description, motif_category(description, motif.category), "motif",
                             motif_svg(motif.body, motif.size, background)))
    return out


# ----------------------------------------------------------------------------------------- diffusion (GPU)


def load_pipeline(model_path: str, device: str = "cuda", dtype: str = "float16"):
    """A diffusers text-to-image pipeline from a local folder (an attached Kaggle Model); nothing downloads."""
    import torch
    from diffusers import AutoPipelineForText2Image

    pipe = AutoPipelineForText2Image.from_pretrained(model_path, torch_dtype=getattr(torch, dtype),
                                                     local_files_only=True)
    pipe.set_progress_bar_config(disable=True)
    return pipe.to(device)


def generate_images(pipe, prompts: list[str], seed: int, steps: int = 1, guidance: float = 0.0,
                    size: int = 512, batch_size: int = 8, suffix: str = PROMPT_SUFFIX) -> list:
    """PIL images for `prompts`, batched; prompt i always gets generator seed `seed + i` (reproducible shards)."""
    import torch

    images = []
    device = getattr(pipe, "device", "cpu")
    for start in range(0, len(prompts), batch_size):
        batch = prompts[start:start + batch_size]
        generators = [torch.Generator(device=device).manual_seed(seed + start + i) for i in range(len(batch))]
        result = pipe(prompt=[p + suffix for p in batch], num_inference_steps=steps, guidance_scale=guidance,
                      height=size, width=size, generator=generators, output_type="pil")
        images.extend(result.images)
    return images


def diffusion_candidates(pairs, images, budget: int, grid: int = 256, seed: int = 0,
                         time_budget_s: float | None = None) -> list[RawPair]:
    """Vectorise each image at the training `budget` on the `grid`, paired with its description."""
    from svgllm.vectorize import vectorize

    out = []
    for (description, category), image in zip(pairs, images, strict=True):
        svg = vectorize(image, budget=budget, grid=grid, seed=seed, time_budget_s=time_budget_s)
        out.append(RawPair(description, category, "diffusion", svg))
    return out
