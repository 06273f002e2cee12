# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Fine-tune a causal LM to write compact SVG (QLoRA / LoRA)
#
# The source of this notebook is `training_notebooks/sft.py` (jupytext percent format); `sft.ipynb` is generated
# from it with `jupytext --sync training_notebooks/sft.py`. The logic lives in `training_notebooks/svgtrain`.
#
# On Kaggle: attach the svgllm code (this repository as a dataset or utility script), the training dataset built
# by `dataset_build`, and - for a 7B recipe - the base model. A T4 x2 session trains with DDP when the last cell
# is run through `accelerate launch` (see the end). Sessions end: re-running this notebook resumes from the
# latest checkpoint in the output folder.

# %%
# ruff: noqa: E402 - a notebook imports where each step needs it
import os
import sys
from pathlib import Path

REPO = Path(os.environ.get("SVGLLM_REPO", Path.cwd().parent if Path.cwd().name == "training_notebooks" else Path.cwd()))
for path in (REPO, REPO / "utility_script"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

RECIPE = os.environ.get("SVGTRAIN_RECIPE", str(REPO / "training_notebooks/recipes/gemma3-270m-cpu-tiny.yaml"))
DATASET = os.environ.get("SVGTRAIN_DATASET", "")  # a save_to_disk DatasetDict folder or a .jsonl file
OVERRIDES = [o for o in os.environ.get("SVGTRAIN_SET", "").split(";") if o]  # e.g. "training.max_steps=50"

# %% [markdown]
# ## The recipe and its memory estimate
# Every CUDA recipe must stay under its profile's budget (14.5 GiB on a 16 GB T4/P100).

# %%
from training_notebooks.svgtrain.memory import estimate
from training_notebooks.svgtrain.recipe import load_recipe

recipe = load_recipe(RECIPE, OVERRIDES)
print(recipe.to_yaml())
print("estimated peak (GiB):", estimate(recipe).gib())

# %% [markdown]
# ## Train
# Completion-only loss (the prompt is masked), EOS after `</svg>`, early stopping on validation loss,
# a checkpoint every `training.eval_steps` steps. The adapter is exported to `<output_dir>/adapter`.

# %%
from training_notebooks.svgtrain.train import run

if DATASET or recipe.data.dataset:
    result = run(recipe, DATASET or None, resume="auto")
    print(result.adapter_dir, result.info["global_step"], "steps,", result.info["tokens_per_second"], "tokens/s")
else:
    result = None
    print("set SVGTRAIN_DATASET (or data.dataset in the recipe) to train")

# %% [markdown]
# ## Loss curve

# %%
if result is not None:
    from IPython.display import Image, display

    display(Image(filename=str(result.adapter_dir / "loss_curve.png")))

# %% [markdown]
# ## Measured memory (GPU only)
# A random-weight model of the recipe's architecture: no download, same peak as the real weights.

# %%
import torch

if torch.cuda.is_available():
    from training_notebooks.svgtrain.memory import measure_peak

    print(measure_peak(recipe, steps=3))

# %% [markdown]
# ## 2x T4 (DDP)
# From a terminal cell: `!accelerate launch --num_processes 2 -m training_notebooks.svgtrain.train --recipe RECIPE
# --dataset DATASET`. Each process holds the whole 4-bit model on its own GPU; the effective batch doubles.
# Then upload `<output_dir>/adapter` as a Kaggle Model: see the README.md written into it.
