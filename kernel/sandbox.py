"""A Kaggle-like interpreter for the dry run: a clean virtual environment, a real `/kaggle`, the network off.

- **Interpreter**: a base environment holding only what Kaggle's image has that the runtime uses (`BASE_PACKAGES`,
  versions from constraints.txt), built once and cached under `$SVGLLM_CACHE/kernel` (else `build/kernel-cache`)
  keyed by a hash of those pins; every run gets a fresh environment on top of it (`--without-pip` plus a `.pth`
  to the base), so what the notebook installs lands in the run's own folder and never in the cache.
- **`/kaggle`**: where `unshare -m` works (root), the layout is bind-mounted on `/kaggle` inside a private mount
  namespace (an empty `/kaggle` mount point is created once if missing). Elsewhere the notebook is told the prefix
  through `SVGLLM_KAGGLE_ROOT`, the one variable its resolver honours.
- **Network**: `unshare -n` (or `unshare -r -n` without root) where it works; the child also refuses and records
  every socket connection and name lookup, so a network call fails the dry run either way.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Kaggle's image has these (numpy, pillow, tqdm and kagglehub are the runtime's; cffi is cairocffi's native glue).
BASE_PACKAGES = ("numpy", "pillow", "tqdm", "kagglehub", "cffi")
KAGGLE = Path("/kaggle")
PTH_NAME = "kaggle_image_base.pth"


def cache_dir() -> Path:
    """Where built environments and wheels are kept between runs."""
    root = os.environ.get("SVGLLM_CACHE")
    return Path(root) / "kernel" if root else REPO / "build" / "kernel-cache"


def pinned(packages, constraints: Path = REPO / "constraints.txt") -> list[str]:
    """`packages` with the exact versions constraints.txt gives them (unpinned if absent)."""
    pins = {}
    for line in constraints.read_text().splitlines():
        name, _, version = line.split("#")[0].strip().partition("==")
        if version:
            pins[name.lower()] = f"{name}=={version.strip()}"
    return [pins.get(package.lower(), package) for package in packages]


def digest(*parts) -> str:
    """A short hash of the parts' text: the cache key."""
    return hashlib.sha256("\n".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def build_once(target: Path, build) -> Path:
    """`build(folder)` into a temporary sibling, then rename it to `target` (another run may race us)."""
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
    try:
        build(scratch)
        scratch.rename(target)
    except OSError:
        if not target.exists():
            raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def site_packages(venv: Path) -> Path:
    """The environment's purelib folder."""
    relative = Path(sysconfig.get_path("purelib")).relative_to(sysconfig.get_path("data"))
    return venv / relative


def base_environment() -> Path:
    """The cached environment with Kaggle's base packages (and pip, which the notebook runs)."""
    requirements = pinned(BASE_PACKAGES)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"

    def build(folder: Path):
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
        done = subprocess.run([str(folder / "bin" / "python"), "-m", "pip", "install", "-q", *requirements],
                              capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"could not build the Kaggle-like base environment:\n{done.stderr[-2000:]}")

    prefix = f"base-py{version}-"
    target = cache_dir() / f"{prefix}{digest(version, *requirements)}"
    if not target.exists():
        # built from older pins, never used again (a name with a dot after the key is another run's build)
        for stale in cache_dir().glob(prefix + "*"):
            if "." not in stale.name[len(prefix):]:
                shutil.rmtree(stale, ignore_errors=True)
    return build_once(target, build)


def fresh_environment(folder: Path, base: Path) -> Path:
    """A new, empty environment in `folder` that sees `base`'s packages; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, capture_output=True)
    site = site_packages(folder)
    (site / PTH_NAME).write_text(str(site_packages(base)) + "\n")
    return folder / "bin" / "python"


def _works(command: list[str]) -> bool:
    try:
        return subprocess.run(command + ["true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@dataclass
class Isolation:
    """How the child sees `/kaggle` and the network: `mode` is "namespace" or "prefix"."""

    mode: str
    network_off: str  # how the network is off besides the child's own guard: "unshare -n", ... or "" (guard only)

    def kaggle_path(self, root: Path, relative: str) -> str:
        """A path under `/kaggle` as the child sees it, for a layout built in `root/kaggle`."""
        return str(KAGGLE / relative) if self.mode == "namespace" else str(root / "kaggle" / relative)

    def wrap(self, command: list[str], root: Path) -> tuple[list[str], dict]:
        """The child's command line and the environment variables the isolation adds."""
        if self.mode == "namespace":
            script = 'mount --make-rprivate / && mount --bind "$0" /kaggle && exec "$@"'
            return ["unshare", "-m", "-n", "--", "sh", "-c", script, str(root / "kaggle"), *command], {}
        prefix = self.network_off.split() + ["--"] if self.network_off else []
        return prefix + command, {"SVGLLM_KAGGLE_ROOT": str(root)}


def detect(allow_namespace: bool = True) -> Isolation:
    """The strongest isolation this machine allows."""
    if allow_namespace and os.geteuid() == 0 and _works(["unshare", "-m", "-n", "--"]):
        try:
            KAGGLE.mkdir(exist_ok=True)  # the mount point; stays empty outside the namespace
            return Isolation("namespace", "unshare -n")
        except OSError:
            pass
    for command in (["unshare", "-n"], ["unshare", "-r", "-n"]):
        if _works(command + ["--"]):
            return Isolation("prefix", " ".join(command))
    return Isolation("prefix", "")
