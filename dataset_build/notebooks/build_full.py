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
# # svgllm: build the full training dataset (Kaggle, 2x T4)
#
# Description -> compact SVG pairs from three sources: composer scenes and emoji motifs (CPU), and diffusion
# images vectorised at the training budget (GPU). Everything below calls `dataset_build` package functions; the
# notebook only wires them up. Both stages are resumable: rerun the notebook after an interruption and finished
# shards are skipped.
#
# Attach: this repository (as a Kaggle dataset or a git clone) and an SD-Turbo class text-to-image model in
# diffusers format (a Kaggle Model). Set the paths in the next cell. Kaggle's image already has torch,
# transformers, accelerate, diffusers, datasets and pyarrow; cairosvg, defusedxml and
# the vectoriser's opencv/scikit-image come from `pip install -e ".[data]"` (or the wheels dataset of the
# submission kernel when the notebook runs offline).

# %%
# ruff: noqa: E402  (notebook cells import what they use where they use it)
import os
import sys
from pathlib import Path

REPO = Path(os.environ.get("SVGLLM_REPO", "/kaggle/input/svgllm-repo"))  # the folder holding dataset_build/
MODEL = os.environ.get("SVGLLM_DIFFUSION_MODEL", "/kaggle/input/sd-turbo/diffusers/default/1")
OUT = Path(os.environ.get("SVGLLM_DATASET_OUT", "/kaggle/working/dataset"))
PROFILE = os.environ.get("SVGLLM_DATASET_PROFILE", "kaggle_gpu")  # dataset_build/profiles/<name>.yaml

# Optional: more descriptions written by a language model (an attached instruct model, or "pypi:gemma3-270m").
DESCRIPTION_MODEL = os.environ.get("SVGLLM_DESCRIPTION_MODEL", "")  # "" skips the LLM descriptions
DESCRIPTION_COUNT = int(os.environ.get("SVGLLM_DESCRIPTION_COUNT", "2000"))

for path in (REPO, REPO / "utility_script"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
OUT.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Optional: LLM-written descriptions
# Run in a subprocess so that CUDA is not initialised in this kernel (the GPU stage below needs a clean one).
# The result is skipped on a rerun when the file is already there.

# %%
import subprocess

LLM_FILE = OUT / "llm_descriptions.jsonl"
if DESCRIPTION_MODEL and not LLM_FILE.is_file():
    scratch = LLM_FILE.with_suffix(".tmp")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "utility_script")])}
    subprocess.run([sys.executable, "-m", "dataset_build.llm_descriptions", "--model", DESCRIPTION_MODEL,
                    "--n", str(DESCRIPTION_COUNT), "--out", str(scratch)], check=True, env=environment)
    scratch.rename(LLM_FILE)

# %% [markdown]
# ## Config
# One YAML profile per run; the resolved config is saved next to the output (`build_config.yaml`).

# %%
from dataset_build.config import load_config, save_config

config = load_config(PROFILE)
config.diffusion.model = MODEL
if LLM_FILE.is_file():
    config.descriptions_file = str(LLM_FILE)  # drawn by config.descriptions_source (diffusion by default)
config.validate()
CONFIG_FILE = OUT / "build_config.yaml"
save_config(config, CONFIG_FILE)
print(config)

# %% [markdown]
# ## Stage 1 (GPU): diffusion images, one process per GPU
# `accelerate.notebook_launcher` starts one process per GPU; each takes every n-th unfinished image shard.
# CUDA must not be initialised in this kernel before the launch, so nothing above touches the GPU.

# %%
from accelerate import notebook_launcher


def gpu_stage(config_file: str, out: str) -> None:
    """Generate the images of this process's share of the diffusion shards (config: the resolved YAML)."""
    from dataset_build.config import load_config
    from dataset_build.diffusion import generate_image_shards

    generate_image_shards(load_config(config_file), out)


def gpu_count() -> int:
    """GPUs visible to this kernel, counted without initialising CUDA here."""
    import subprocess

    try:
        listing = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return 0
    return sum(line.startswith("GPU ") for line in listing.splitlines())


from dataset_build.shards import plan_shards

if plan_shards(config, sources=("diffusion",)):
    processes = gpu_count()
    if processes == 0:
        raise RuntimeError("the diffusion source needs a GPU; use a GPU notebook or set sources.diffusion: 0")
    notebook_launcher(gpu_stage, args=(str(CONFIG_FILE), str(OUT)), num_processes=processes)

# %% [markdown]
# ## Stage 2 (CPU): composer scenes, motifs, vectorisation; then the splits, Parquet, card and metadata

# %%
from dataset_build.build import build

summary = build(config, OUT)
print({key: summary[key] for key in ("rows", "splits", "tokens", "token_method", "build_seconds")})

# %% [markdown]
# ## Look at a few targets

# %%
import pyarrow.parquet as pq
from svgllm.render import contact_sheet, render

rows = pq.read_table(OUT / "validation.parquet").to_pylist()[:16]
contact_sheet([render(row["svg"]) for row in rows], [f"[{row['source']}] {row['description']}" for row in rows])

# %% [markdown]
# ## Publish
# `kaggle datasets create -p OUT` uploads the top-level files (Parquet splits, README card, licences, metadata);
# subfolders (shards, images, the `hf/` save) are skipped by the default `--dir-mode skip`. Set
# `kaggle.owner` in the profile first.

# %%
print(f"kaggle datasets create -p {OUT}")
