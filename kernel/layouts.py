"""The ways Kaggle mounts the submission's inputs, laid out for the dry run under `<root>/kaggle/`.

An attached notebook's (here: the utility script's) output appears as `/kaggle/input/<slug>/` or, in the newer
form, `/kaggle/input/notebooks/<owner>/<slug>/`; a dataset as `/kaggle/input/<slug>/` or
`/kaggle/input/datasets/<owner>/<slug>/`; a utility script's own file as `/kaggle/usr/lib/<slug>/<file>.py`, with
that folder on `sys.path`. Broken layouts leave an input (or one wheel) out: `Model()` must then fail naming it.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .utility_script import SCRIPT_NAME
from .utility_script import SLUG as UTILITY_SLUG
from .wheels import SLUG as WHEELS_SLUG


@dataclass(frozen=True)
class Layout:
    """Where each input goes, relative to `/kaggle` (None: not attached)."""

    name: str
    package: str | None = None  # the utility script's output folder (holds svgllm/)
    script: str | None = None  # the utility script's own file's folder (on sys.path)
    wheels: str | None = None  # the wheels dataset's folder
    drop: tuple[str, ...] = ()  # wheels left out of that folder (a dataset built without them)
    expect_error: tuple[str, ...] = ()  # a broken layout: words `Model()`'s error must contain

    @property
    def sys_path(self) -> str | None:
        """The folder Kaggle puts on sys.path, if any."""
        return self.script


def layouts(owner: str = "svgllm") -> dict[str, Layout]:
    """Every layout the dry run emulates, by name: three that must draw, two that must fail loudly."""
    return {layout.name: layout for layout in (
        Layout("input", package=f"input/{UTILITY_SLUG}", wheels=f"input/{WHEELS_SLUG}"),
        Layout("nested", package=f"input/notebooks/{owner}/{UTILITY_SLUG}",
               wheels=f"input/datasets/{owner}/{WHEELS_SLUG}"),
        Layout("usr-lib", script=f"usr/lib/{UTILITY_SLUG.replace('-', '_')}", wheels=f"input/{WHEELS_SLUG}"),
        Layout("no-wheels", package=f"input/{UTILITY_SLUG}", expect_error=("cairosvg", WHEELS_SLUG)),
        Layout("missing-wheel", package=f"input/{UTILITY_SLUG}", wheels=f"input/{WHEELS_SLUG}",
               drop=("cairosvg-",), expect_error=("pip could not install", "cairosvg")),
    )}


def lay_out(layout: Layout, root: Path, script: Path, wheels: Path) -> Path:
    """Build `root/kaggle` for `layout` from the built utility script file and wheels folder; returns it."""
    kaggle = root / "kaggle"
    (kaggle / "input").mkdir(parents=True, exist_ok=True)
    (kaggle / "working").mkdir(exist_ok=True)
    if layout.package:
        output = kaggle / layout.package
        output.mkdir(parents=True)
        # the script's output, as Kaggle keeps it after the script ran
        subprocess.run([sys.executable, str(script)], cwd=output, check=True, capture_output=True)
    if layout.script:
        (kaggle / layout.script).mkdir(parents=True)
        shutil.copy2(script, kaggle / layout.script / SCRIPT_NAME)
    if layout.wheels:
        shutil.copytree(wheels, kaggle / layout.wheels,
                        ignore=lambda _, names: [name for name in names if name.startswith(layout.drop or "\0")])
    return kaggle
