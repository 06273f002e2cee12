"""Export a trained adapter as one folder the LLM backend loads as-is, ready to upload as a Kaggle Model.

Contents: the peft adapter (`adapter_config.json`, `adapter_model.safetensors`), the tokenizer, the resolved
`recipe.yaml`, `svgllm-config.json` (a `ModelConfig` that uses it), `training_info.json`, the loss curve, and the
Kaggle metadata (`model-metadata.json`, `model-instance-metadata.json`) with a README on how to upload it.
Use it with `svgllm.Model(ModelConfig(llm_model=<recipe model.source>, llm_adapter=<folder>))`.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

MODEL_METADATA = "model-metadata.json"
INSTANCE_METADATA = "model-instance-metadata.json"
FRAMEWORK = "transformers"


def slug(text: str) -> str:
    """Kaggle-style slug: lowercase letters, digits and dashes."""
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-") or "svgllm"


def kaggle_metadata(recipe, owner: str = "YOUR_KAGGLE_USERNAME",
                    model_slug: str = "svgllm-adapter") -> tuple[dict, dict]:
    """The Kaggle Models metadata pair for `recipe`: the model, and the instance (variation) holding the files."""
    family = str(recipe.model.architecture.get("model_type", ""))
    license_name = "Gemma" if family.startswith("gemma") else "Apache 2.0"
    model = {
        "ownerSlug": owner,
        "title": "svgllm LoRA adapters",
        "slug": model_slug,
        "subtitle": "LoRA adapters that turn a small causal LM into a text-to-SVG model",
        "isPrivate": True,
        "description": "LoRA adapters trained with svgllm's training notebooks (recipe inside each variation).",
        "publishTime": "",
        "provenanceSources": "",
    }
    instance = {
        "ownerSlug": owner,
        "modelSlug": model_slug,
        "instanceSlug": slug(recipe.name),
        "framework": FRAMEWORK,
        "overview": f"LoRA adapter of recipe {recipe.name} (base: {recipe.model.source}).",
        "usage": ("from svgllm import Model, ModelConfig\n"
                  f"Model(ModelConfig(llm_model={recipe.model.source!r}, "
                  f"llm_adapter='{owner}/{model_slug}/{FRAMEWORK}/{slug(recipe.name)}')).predict('a red circle')"),
        "licenseName": license_name,
        "fineTunable": False,
        "trainingData": [],
        "modelInstanceType": "Unspecified",
        "baseModelInstanceId": 0,
        "externalBaseModelUrl": "",
    }
    return model, instance


def readme(recipe, instance: dict) -> str:
    """Upload and usage instructions for the exported folder."""
    handle = f"{instance['ownerSlug']}/{instance['modelSlug']}/{FRAMEWORK}/{instance['instanceSlug']}"
    return f"""# svgllm adapter: {recipe.name}

LoRA adapter for `{recipe.model.source}` trained with `training_notebooks` (the resolved recipe is `recipe.yaml`).

## Use it
```python
from svgllm import Model
from svgllm.config import ModelConfig
model = Model(ModelConfig(llm_model={recipe.model.source!r}, llm_adapter="path/to/this/folder"))
print(model.predict("a lighthouse on a cliff at dusk"))
```
or `SVGLLM_MODEL={recipe.model.source} SVGLLM_ADAPTER=path/to/this/folder svgllm ...`.

## Upload it as a Kaggle Model
1. Put your Kaggle username in `ownerSlug` of `{MODEL_METADATA}` and `{INSTANCE_METADATA}`
   (`python -m training_notebooks.svgtrain.export --owner NAME FOLDER` does it).
2. Once per model: `kaggle models create -p FOLDER`.
3. Once per variation: `kaggle models instances create -p FOLDER`;
   later versions: `kaggle models instances versions create {handle} -p FOLDER --version-notes "..."`.
4. In a notebook, attach the model; the backend finds it at `/kaggle/input/...` from the handle
   `{handle}` (set `llm_adapter` to it).
"""


def export_folder(model, tokenizer, recipe, out_dir: str | Path, info: dict | None = None,
                  owner: str = "YOUR_KAGGLE_USERNAME") -> Path:
    """Write adapter, tokenizer, recipe, config and Kaggle metadata to `out_dir`; returns the folder."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # Added tokens: their rows are saved as peft's small token deltas; never the whole resized embedding
    # (262k x 640 floats for Gemma) - the loader resizes the base before attaching the adapter.
    model.save_pretrained(str(out), save_embedding_layers=False)
    config_path = out / "adapter_config.json"
    if config_path.is_file():  # portable: name the recipe's source, not this machine's cache folder
        adapter_config = json.loads(config_path.read_text(encoding="utf-8"))
        adapter_config["base_model_name_or_path"] = recipe.model.source
        config_path.write_text(json.dumps(adapter_config, indent=2), encoding="utf-8")
    tokenizer.save_pretrained(str(out))
    (out / "recipe.yaml").write_text(recipe.to_yaml(), encoding="utf-8")
    svgllm_config = {"llm_model": recipe.model.source, "llm_adapter": str(out.resolve())}
    (out / "svgllm-config.json").write_text(json.dumps(svgllm_config, indent=1), encoding="utf-8")
    if info is not None:
        (out / "training_info.json").write_text(json.dumps(info, indent=1, default=str), encoding="utf-8")
    write_kaggle_metadata(out, recipe, owner)
    return out


def write_kaggle_metadata(folder: str | Path, recipe, owner: str = "YOUR_KAGGLE_USERNAME") -> None:
    """(Re)write the Kaggle metadata pair and the README in `folder`."""
    folder = Path(folder)
    model, instance = kaggle_metadata(recipe, owner)
    (folder / MODEL_METADATA).write_text(json.dumps(model, indent=1), encoding="utf-8")
    (folder / INSTANCE_METADATA).write_text(json.dumps(instance, indent=1), encoding="utf-8")
    (folder / "README.md").write_text(readme(recipe, instance), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """`python -m training_notebooks.svgtrain.export --owner NAME FOLDER`: set the Kaggle owner of an export."""
    import argparse

    from .recipe import load_recipe

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("folder", type=Path, help="an exported adapter folder (holds recipe.yaml)")
    parser.add_argument("--owner", required=True, help="your Kaggle username")
    args = parser.parse_args(argv)
    if not (args.folder / "recipe.yaml").is_file():
        parser.error(f"{args.folder} holds no recipe.yaml: not an exported adapter folder")
    write_kaggle_metadata(args.folder, load_recipe(args.folder / "recipe.yaml"), args.owner)
    print(f"metadata in {args.folder} now owned by {args.owner}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
