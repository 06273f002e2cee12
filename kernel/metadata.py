"""Validate `kernel-metadata.json` the way the `kaggle` CLI (2.2.5) does before a push, and set its owner
(every handle in the metadata and in the notebook it names).

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
SOURCE_KEYS = ("dataset_sources", "kernel_sources", "model_sources")


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


def references(metadata: dict) -> list[str]:
    """Every Kaggle handle the metadata names: the kernel's id and its dataset, kernel and model sources."""
    return [metadata.get("id", "")] + [value for key in SOURCE_KEYS for value in metadata.get(key, [])]


def _handle_pattern(owner: str, slugs) -> re.Pattern:
    """`owner/slug` for one of `slugs`, as a whole handle (a model handle may go on with `/framework/...`)."""
    alternatives = "|".join(re.escape(slug) for slug in sorted(slugs, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-]){re.escape(owner)}/({alternatives})(?![\w.-])")


def own_slugs(metadata: dict) -> set[str]:
    """Slugs of the handles owned by the kernel's own owner (the ones an owner change moves)."""
    owner = metadata["id"].split("/")[0]
    return {ref.split("/")[1] for ref in references(metadata) if ref.count("/") >= 1 and ref.split("/")[0] == owner}


def set_owner(path: str | Path, owner: str) -> dict:
    """Move every handle of the kernel's current owner (metadata and the notebook `code_file`) to `owner`.

    The current owner is read from `id`, so running it again, with the same or another name, is safe."""
    path = Path(path)
    metadata = json.loads(path.read_text())
    old = metadata["id"].split("/")[0]
    pattern = _handle_pattern(old, own_slugs(metadata))

    def swap(text: str) -> str:
        return pattern.sub(lambda match: f"{owner}/{match.group(1)}", text)

    metadata["id"] = swap(metadata["id"])
    for key in SOURCE_KEYS:
        metadata[key] = [swap(value) for value in metadata.get(key, [])]
    notebook = path.parent / metadata.get("code_file", "")
    if notebook.is_file():
        notebook.write_text(swap(notebook.read_text(encoding="utf-8")), encoding="utf-8")
    path.write_text(json.dumps(metadata, indent=1) + "\n")
    return metadata


def handle_problems(metadata: dict, folder: str | Path = ".") -> list[str]:
    """Handles in the notebook that name one of the metadata's slugs under another owner (a half-done rename)."""
    notebook = Path(folder) / metadata.get("code_file", "")
    if not notebook.is_file() or "/" not in metadata.get("id", ""):
        return []
    owner = metadata["id"].split("/")[0]
    slugs = own_slugs(metadata)
    pattern = re.compile(rf"(?<![\w.-])([A-Za-z0-9][A-Za-z0-9_-]*)/({'|'.join(map(re.escape, slugs))})(?![\w.-])")
    return [f"{metadata['code_file']}: {match.group(0)} is not owned by {owner}"
            for match in pattern.finditer(notebook.read_text(encoding="utf-8")) if match.group(1) != owner]


def main(argv: list[str] | None = None) -> int:
    """`python -m kernel.metadata [--owner NAME] [FILE]`: validate (and optionally set the owner)."""
    parser = argparse.ArgumentParser(description="Validate kernel-metadata.json like the kaggle CLI.")
    parser.add_argument("file", nargs="?", default="kernel-metadata.json")
    parser.add_argument("--owner", help="move every handle (metadata and notebook) to your Kaggle username first")
    args = parser.parse_args(argv)
    if args.owner:
        set_owner(args.file, args.owner)
    data = json.loads(Path(args.file).read_text())
    problems = validate(data, Path(args.file).parent) + handle_problems(data, Path(args.file).parent)
    for problem in problems:
        print(f"{args.file}: {problem}")
    print("ok" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
