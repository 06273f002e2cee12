"""Validate `kernel-metadata.json` the way the `kaggle` CLI (2.2.5) does before a push, and set its owner.

Checked (from the competition README's reading of the CLI): `id` is "owner/slug" without a version; `title` has
5+ characters and slugifies to the id's slug; `code_file` exists relative to the folder; `language` is python;
`kernel_type` is script or notebook; boolean flags are booleans; source lists are lists of well-formed references
(`model_sources` as owner/model/framework/variation/version).
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

_SLUG_PART = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_REFERENCE = re.compile(rf"^{_SLUG_PART}/{_SLUG_PART}$")
_MODEL_REFERENCE = re.compile(rf"^{_SLUG_PART}/{_SLUG_PART}/{_SLUG_PART}/{_SLUG_PART}/\d+$")
BOOLEANS = ("is_private", "enable_gpu", "enable_tpu", "enable_internet")


def slugify(title: str) -> str:
    """Kaggle's slug of a title: lower case, runs of other characters become one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def validate(metadata: dict, folder: str | Path = ".") -> list[str]:
    """Every problem the kaggle CLI would refuse the push for (empty list: fine)."""
    problems = []
    kernel_id = metadata.get("id", "")
    if not isinstance(kernel_id, str) or not _REFERENCE.match(kernel_id):
        problems.append(f"id must be 'owner/slug' without a version, got {kernel_id!r}")
    title = metadata.get("title", "")
    if not isinstance(title, str) or len(title) < 5:
        problems.append("title must have at least 5 characters")
    elif isinstance(kernel_id, str) and "/" in kernel_id and slugify(title) != kernel_id.split("/")[1]:
        problems.append(f"title {title!r} slugifies to {slugify(title)!r}, not the id's slug")
    code_file = metadata.get("code_file")
    if not code_file or not (Path(folder) / code_file).is_file():
        problems.append(f"code_file {code_file!r} does not exist in {folder}")
    if metadata.get("language") != "python":
        problems.append("language must be 'python'")
    if metadata.get("kernel_type") not in ("script", "notebook"):
        problems.append("kernel_type must be 'script' or 'notebook'")
    for flag in BOOLEANS:
        if flag in metadata and not isinstance(metadata[flag], bool):
            problems.append(f"{flag} must be true or false")
    for key, pattern in (("dataset_sources", _REFERENCE), ("kernel_sources", _REFERENCE),
                         ("model_sources", _MODEL_REFERENCE)):
        values = metadata.get(key, [])
        if not isinstance(values, list):
            problems.append(f"{key} must be a list")
            continue
        problems += [f"{key}: malformed reference {value!r}" for value in values
                     if not isinstance(value, str) or not pattern.match(value)]
    competitions = metadata.get("competition_sources", [])
    if not isinstance(competitions, list) or not all(isinstance(c, str) and re.fullmatch(r"[a-z0-9-]+", c)
                                                     for c in competitions):
        problems.append("competition_sources must be a list of competition slugs")
    return problems


def set_owner(path: str | Path, owner: str) -> dict:
    """Rewrite every `svgllm/...` reference in a metadata file to `owner/...` (your Kaggle username)."""
    path = Path(path)
    metadata = json.loads(path.read_text())

    def swap(value: str) -> str:
        return owner + value[len("svgllm"):] if value.startswith("svgllm/") else value

    metadata["id"] = swap(metadata["id"])
    for key in ("dataset_sources", "kernel_sources", "model_sources"):
        metadata[key] = [swap(value) for value in metadata.get(key, [])]
    path.write_text(json.dumps(metadata, indent=1) + "\n")
    return metadata


def main(argv: list[str] | None = None) -> int:
    """`python -m kernel.metadata [--owner NAME] [FILE]`: validate (and optionally set the owner)."""
    parser = argparse.ArgumentParser(description="Validate kernel-metadata.json like the kaggle CLI.")
    parser.add_argument("file", nargs="?", default="kernel-metadata.json")
    parser.add_argument("--owner", help="replace the 'svgllm' owner with your Kaggle username first")
    args = parser.parse_args(argv)
    if args.owner:
        set_owner(args.file, args.owner)
    problems = validate(json.loads(Path(args.file).read_text()), Path(args.file).parent)
    for problem in problems:
        print(f"{args.file}: {problem}")
    print("ok" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
