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
# # Evaluate a fine-tuned adapter against its base model
#
# Source: `training_notebooks/evaluate.py` (jupytext percent format; `evaluate.ipynb` is generated from it).
# Measures on the test split: perplexity over completion tokens only, validity at the first attempt (the model
# writes on its own, `svgllm.rules.check` judges the text as written), whether it stops at EOS, bytes and tokens
# of the generations, and a gallery. Results: `eval_results.json` and `gallery/` next to the adapter.

# %%
# ruff: noqa: E402 - a notebook imports where each step needs it
import os
import sys
from pathlib import Path

REPO = Path(os.environ.get("SVGLLM_REPO", Path.cwd().parent if Path.cwd().name == "training_notebooks" else Path.cwd()))
for path in (REPO, REPO / "utility_script"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

ADAPTER = Path(os.environ.get("SVGTRAIN_ADAPTER", "runs/gemma3-270m-cpu-tiny/adapter"))
DATASET = os.environ.get("SVGTRAIN_DATASET") or None  # default: the dataset named in the adapter's recipe

# %%
from training_notebooks.svgtrain.evaluate import evaluate
from training_notebooks.svgtrain.recipe import load_recipe

results = {}
if (ADAPTER / "recipe.yaml").is_file():
    recipe = load_recipe(ADAPTER / "recipe.yaml")
    results["adapter"] = evaluate(ADAPTER, recipe, DATASET)
    results["base"] = evaluate(None, recipe, DATASET, out_dir=ADAPTER / "baseline")
    for name, res in results.items():
        print(name, res["perplexity"]["perplexity"], res["generation"])
else:
    print(f"no exported adapter at {ADAPTER}: train one with sft.py first")

# %% [markdown]
# ## Gallery (sanitised SVGs; the caption says whether the model's own text was already valid)

# %%
if results:
    from IPython.display import Image, display

    display(Image(filename=str(ADAPTER / "gallery" / "contact_sheet.png")))
