"""One build = one config: dataclasses with defaults, read from `profiles/<name>.yaml` or any YAML file.

Unknown keys are rejected (a typo must not silently fall back to a default), and the resolved config is saved
next to the output (`build_config.yaml`) so every dataset says how it was made.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"


@dataclass
class SourcesConfig:
    composer: int = 100  # composer scenes: number of sampled descriptions drawn by the composer backend
    motif: int = 50  # emoji motifs with their names as descriptions (-1: the whole library)
    diffusion: int = 0  # descriptions rendered by a diffusion model and vectorised (GPU notebook only)


@dataclass
class NormalizeConfig:
    grid: int = 256  # viewBox 0 0 grid grid; coordinates are integers on it (svgllm.prompt.GRID_SIZE)
    max_bytes: int = 6000  # targets above this many UTF-8 bytes are dropped (keeps the median < 1,500 tokens)
    min_std: float = 4.0  # renders with a pixel standard deviation below this (0-255) are near-blank: dropped
    max_diff: float = 40.0  # largest mean pixel difference (0-255) between source and normalised render


@dataclass
class DiffusionConfig:
    model: str = ""  # local folder of a diffusers text-to-image model (SD-Turbo class), e.g. an attached Kaggle Model
    steps: int = 1  # denoising steps (turbo models: 1-4)
    guidance: float = 0.0  # classifier-free guidance scale (turbo models are trained without it)
    image_size: int = 512  # generated image side in pixels
    batch_size: int = 8  # images per pipeline call and GPU
    dtype: str = "float16"  # torch dtype of the pipeline (T4: float16)
    # byte budget handed to svgllm.vectorize (the training budget): vectorised pictures cost ~0.9 Gemma tokens per
    # byte (bench_dataset --stand-in-images), so 1,600 bytes keeps them under the 1,500-token median goal
    vectorize_budget: int = 1600
    vectorize_seconds: float = 20.0  # time budget of one vectorisation


@dataclass
class SplitConfig:
    validation: float = 0.05  # share of every (category, source) stratum in the validation split
    test: float = 0.05  # share of every stratum in the test split


@dataclass
class KaggleConfig:
    owner: str = "svgllm"  # Kaggle user name in dataset-metadata.json
    slug: str = "svgllm-training-pairs"  # dataset slug
    title: str = "svgllm training pairs"  # 6-50 characters
    license: str = "other"  # Kaggle licence name; the per-source licences (MIT, CC BY 4.0) are in the card


@dataclass
class BuildConfig:
    name: str = "custom"  # profile name, recorded in the card
    seed: int = 0  # one seed for sampling, motif order, vectorisation and splits
    shard_size: int = 100  # candidates per shard; a shard is the unit of parallelism and of resuming
    num_proc: int = 2  # worker processes for the CPU stages (1: in-process)
    tokenizer_file: str = ""  # a tokenizer.json to count tokens with ("": Gemma 3 from the svgllm cache)
    tokenizer_from_gguf: bool = True  # no cached Gemma tokenizer: convert the bundled GGUF's once (~20 s)
    descriptions_file: str = ""  # JSONL {description, category?} added to one source (e.g. LLM-written ones)
    descriptions_source: str = "diffusion"  # which source draws descriptions_file: "diffusion" or "composer"
    sources: SourcesConfig = field(default_factory=SourcesConfig)
    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    diffusion: DiffusionConfig = field(default_factory=DiffusionConfig)
    split: SplitConfig = field(default_factory=SplitConfig)
    kaggle: KaggleConfig = field(default_factory=KaggleConfig)

    def validate(self) -> BuildConfig:
        """Raise ValueError for values that cannot work; returns self."""
        if self.shard_size < 1 or self.num_proc < 1:
            raise ValueError("shard_size and num_proc must be >= 1")
        if not 0 <= self.split.validation < 1 or not 0 <= self.split.test < 1 or \
                self.split.validation + self.split.test >= 1:
            raise ValueError("split shares must be in [0, 1) and sum to less than 1")
        if min(self.sources.composer, self.sources.diffusion) < 0 or self.sources.motif < -1:
            raise ValueError("source counts must be >= 0 (motif: -1 for all)")
        if self.descriptions_source not in ("composer", "diffusion"):
            raise ValueError("descriptions_source must be 'composer' or 'diffusion'")
        if self.descriptions_file and not Path(self.descriptions_file).is_file():
            raise ValueError(f"descriptions_file {self.descriptions_file} not found")
        diffusion_drawn = self.sources.diffusion or (self.descriptions_file and self.descriptions_source == "diffusion")
        if diffusion_drawn and not self.diffusion.model:
            raise ValueError("the diffusion source (sources.diffusion > 0 or descriptions_file drawn by it) "
                             "needs diffusion.model (a local model folder)")
        if not 16 <= self.normalize.grid <= 4096 or self.normalize.max_bytes < 200:
            raise ValueError("normalize.grid must be in 16..4096 and normalize.max_bytes >= 200")
        return self


def _build(cls, data: dict, where: str):
    """Instantiate dataclass `cls` from `data`, recursing into nested dataclasses; unknown keys raise."""
    if not isinstance(data, dict):
        raise ValueError(f"{where or 'config'} must be a mapping, not {type(data).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValueError(f"unknown config key(s) {', '.join(where + k for k in unknown)}; "
                         f"known: {', '.join(sorted(fields))}")
    values = {}
    for name, value in data.items():
        default = getattr(cls(), name)
        if dataclasses.is_dataclass(default):
            values[name] = _build(type(default), {} if value is None else value, f"{where}{name}.")
        elif isinstance(default, bool) != isinstance(value, bool) or (
                isinstance(default, (int, float, str)) and not isinstance(value, (type(default), int))):
            raise ValueError(f"config key {where}{name} must be {type(default).__name__}, got {value!r}")
        else:
            values[name] = type(default)(value) if isinstance(default, float) else value
    return cls(**values)


def from_dict(data: dict) -> BuildConfig:
    """A validated `BuildConfig` from a plain mapping (as read from YAML)."""
    return _build(BuildConfig, data or {}, "").validate()


def load_config(profile_or_path: str) -> BuildConfig:
    """Read a profile by name (`tiny`, `full`, ...) or a YAML file path."""
    import yaml

    path = Path(profile_or_path)
    if not path.suffix:
        path = PROFILES_DIR / f"{profile_or_path}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PROFILES_DIR.glob("*.yaml")))
        raise FileNotFoundError(f"no profile or config file {profile_or_path!r} (profiles: {known})")
    return from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def to_dict(config: BuildConfig) -> dict:
    """The config as plain data."""
    return dataclasses.asdict(config)


def save_config(config: BuildConfig, path: Path) -> None:
    """Write the resolved config as YAML."""
    import yaml

    Path(path).write_text(yaml.safe_dump(to_dict(config), sort_keys=False), encoding="utf-8")
