"""A tiny hand-written dataset in dataset_build's schema (compact SVGs on a 256 grid) and the recipe helper."""
from __future__ import annotations

from pathlib import Path

from svgllm.prompt import SVG_CLOSE, SVG_HEADER

CPU_TINY = Path(__file__).resolve().parents[2] / "training_notebooks" / "recipes" / "gemma3-270m-cpu-tiny.yaml"

_SCENES = [
    ("a red circle on a pale blue background", "abstract",
     ['<rect x="0" y="0" width="256" height="256" fill="#dbeefc"/>',
      '<circle cx="128" cy="128" r="70" fill="#d62828"/>']),
    ("a green triangle under a yellow sun", "abstract",
     ['<rect x="0" y="0" width="256" height="256" fill="#fdf6e3"/>',
      '<circle cx="200" cy="56" r="30" fill="#f6c90e"/>',
      '<polygon points="40,220 128,80 216,220" fill="#2a9d3f"/>']),
    ("an orange square framed in black", "abstract",
     ['<rect x="0" y="0" width="256" height="256" fill="#ffffff"/>',
      '<rect x="48" y="48" width="160" height="160" fill="#f4a261" stroke="#000000" stroke-width="8"/>']),
    ("a purple night sky over a grey hill", "landscape",
     ['<rect x="0" y="0" width="256" height="256" fill="#2e1a47"/>',
      '<ellipse cx="128" cy="256" rx="180" ry="90" fill="#6c6c6c"/>']),
    ("a white cloud in a blue sky", "landscape",
     ['<rect x="0" y="0" width="256" height="256" fill="#4a90d9"/>',
      '<ellipse cx="110" cy="100" rx="60" ry="30" fill="#ffffff"/>',
      '<ellipse cx="150" cy="95" rx="45" ry="28" fill="#ffffff"/>']),
    ("a brown tree trunk with a green crown", "landscape",
     ['<rect x="0" y="0" width="256" height="256" fill="#e8f4e8"/>',
      '<rect x="116" y="140" width="24" height="90" fill="#7b4a1e"/>',
      '<circle cx="128" cy="110" r="60" fill="#3b8b3b"/>']),
    ("a pink heart shape", "abstract",
     ['<rect x="0" y="0" width="256" height="256" fill="#fff0f5"/>',
      '<path d="M128 210 L50 120 A40 40 0 0 1 128 70 A40 40 0 0 1 206 120 Z" fill="#e75480"/>']),
    ("two black lines crossing on beige", "abstract",
     ['<rect x="0" y="0" width="256" height="256" fill="#f5f0e1"/>',
      '<line x1="20" y1="20" x2="236" y2="236" stroke="#000000" stroke-width="6"/>',
      '<line x1="236" y1="20" x2="20" y2="236" stroke="#000000" stroke-width="6"/>']),
]


def rows() -> list[dict]:
    """The fixture rows with every column dataset_build writes."""
    out = []
    for description, category, elements in _SCENES:
        svg = SVG_HEADER + "\n" + "\n".join(elements) + "\n" + SVG_CLOSE
        out.append({"description": description, "svg": svg, "source": "fixture", "category": category,
                    "bytes": len(svg.encode("utf-8")), "tokens": 0})
    return out


def save_dataset_dict(folder) -> str:
    """Write the fixture as a DatasetDict (train 6 / validation 1 / test 1 rows) with `save_to_disk`."""
    import datasets

    data = rows()
    splits = {"train": data[:6], "validation": data[6:7], "test": data[7:]}
    dd = datasets.DatasetDict({name: datasets.Dataset.from_list(part) for name, part in splits.items()})
    dd.save_to_disk(str(folder))
    return str(folder)


def tiny_recipe(base_dir, output_dir, *extra: str):
    """The cpu-tiny recipe pointed at the converted folder and `output_dir`, with `extra` overrides."""
    from training_notebooks.svgtrain.recipe import load_recipe

    return load_recipe(CPU_TINY, [f"model.source={base_dir}", f"training.output_dir={output_dir}",
                                  "training.max_steps=2", *extra])
