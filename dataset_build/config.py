"""One build = one config: dataclasses with defaults, read from `profiles/<name>.yaml` or any YAML file.

Loaded by `svgllm.dataconfig`: unknown keys are rejected with their path (a typo must not silently fall back to
a default), values converted and checked one way, each field's help written once (the CLI's options are made from
it). The resolved config is saved next to the output (`build_config.yaml`) so every dataset says how it was made.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from svgllm import dataconfig
from svgllm.dataconfig import Checked, option

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
AT_LEAST_ONE = (1, None)
NOT_NEGATIVE = (0, None)


@dataclass
class SourcesConfig(Checked):
    composer: int = option(100, bounds=NOT_NEGATIVE,
                           help="composer scenes: number of sampled descriptions drawn by the composer backend")
    motif: int = option(50, bounds=(-1, None), help="emoji motifs with their names as descriptions (-1: the whole "
                                                    "library)")
    diffusion: int = option(0, bounds=NOT_NEGATIVE,
                            help="descriptions rendered by a diffusion model and vectorised (GPU notebook only)")


@dataclass
class NormalizeConfig(Checked):
    grid: int = option(256, bounds=(16, 4096),
                       help="viewBox 0 0 grid grid; coordinates are integers on it (svgllm.prompt.GRID_SIZE)")
    max_bytes: int = option(6000, bounds=(200, None), help="targets above this many UTF-8 bytes are dropped (keeps "
                                                           "the median < 1,500 tokens)")
    min_std: float = option(4.0, help="renders with a pixel standard deviation below this (0-255) are near-blank: "
                                      "dropped")
    max_diff: float = option(40.0, help="largest mean pixel difference (0-255) between source and normalised render")


@dataclass
class DiffusionConfig(Checked):
    model: str = option("", help="local folder of a diffusers text-to-image model (SD-Turbo class), e.g. an "
                                 "attached Kaggle Model")
    steps: int = option(1, bounds=AT_LEAST_ONE, help="denoising steps (turbo models: 1-4)")
    guidance: float = option(0.0, help="classifier-free guidance scale (turbo models are trained without it)")
    image_size: int = option(512, bounds=AT_LEAST_ONE, help="generated image side in pixels")
    batch_size: int = option(8, bounds=AT_LEAST_ONE, help="images per pipeline call and GPU")
    dtype: str = option("float16", help="torch dtype of the pipeline (T4: float16)")
    # vectorised pictures cost ~0.9 Gemma tokens per byte (bench_dataset --stand-in-images), so 1,600 bytes keeps
    # them under the 1,500-token median goal
    vectorize_budget: int = option(1600, bounds=AT_LEAST_ONE,
                                   help="byte budget handed to svgllm.vectorize (the training budget)")
    vectorize_seconds: float = option(20.0, help="time budget of one vectorisation")


@dataclass
class SplitConfig(Checked):
    validation: float = option(0.05, bounds=(0, 1), open_bounds=(False, True),
                               help="share of every (category, source) stratum in the validation split")
    test: float = option(0.05, bounds=(0, 1), open_bounds=(False, True),
                         help="share of every stratum in the test split")


@dataclass
class KaggleConfig(Checked):
    owner: str = option("svgllm", help="Kaggle user name in dataset-metadata.json")
    slug: str = option("svgllm-training-pairs", help="dataset slug")
    title: str = option("svgllm training pairs", help="dataset title, 6-50 characters")
    license: str = option("other", help="Kaggle licence name; the per-source licences (MIT, CC BY 4.0) are in the "
                                        "card")


@dataclass
class BuildConfig(Checked):
    name: str = option("custom", help="profile name, recorded in the card")
    seed: int = option(0, help="one seed for sampling, motif order, vectorisation and splits")
    shard_size: int = option(100, bounds=AT_LEAST_ONE,
                             help="candidates per shard; a shard is the unit of parallelism and of resuming")
    num_proc: int = option(2, bounds=AT_LEAST_ONE, cli="--num-proc", metavar="N",
                           help="worker processes for the CPU stages (1: in-process)")
    tokenizer_file: str = option("", help='a tokenizer.json to count tokens with ("": Gemma 3 from the svgllm cache)')
    tokenizer_from_gguf: bool = option(True, help="no cached Gemma tokenizer: convert the bundled GGUF's once "
                                                  "(~20 s)")
    descriptions_file: str = option("", help="JSONL {description, category?} added to one source (e.g. LLM-written "
                                             "ones)")
    descriptions_source: Literal["diffusion", "composer"] = option(
        "diffusion", help="which source draws descriptions_file")
    sources: SourcesConfig = option(factory=SourcesConfig, help="how many candidates each source makes")
    normalize: NormalizeConfig = option(factory=NormalizeConfig, help="normalisation of targets and what is dropped")
    diffusion: DiffusionConfig = option(factory=DiffusionConfig, help="the diffusion source (GPU stage)")
    split: SplitConfig = option(factory=SplitConfig, help="validation and test shares")
    kaggle: KaggleConfig = option(factory=KaggleConfig, help="dataset-metadata.json of the Kaggle dataset")

    config_label: ClassVar[str] = "config keys"

    def validate(self) -> BuildConfig:
        """Raise ValueError for values that cannot work (also after in-place edits); returns self."""
        from_values(to_dict(self))  # every field again, by its path: types, bounds, choices
        if self.split.validation + self.split.test >= 1:
            raise ValueError("split shares must sum to less than 1")
        if self.descriptions_file and not Path(self.descriptions_file).is_file():
            raise ValueError(f"descriptions_file {self.descriptions_file} not found")
        diffusion_drawn = self.sources.diffusion or (self.descriptions_file and self.descriptions_source == "diffusion")
        if diffusion_drawn and not self.diffusion.model:
            raise ValueError("the diffusion source (sources.diffusion > 0 or descriptions_file drawn by it) "
                             "needs diffusion.model (a local model folder)")
        return self


def from_values(data: dict | None) -> BuildConfig:
    """A `BuildConfig` from a plain mapping, fields converted and checked (unknown keys named), not yet validated."""
    return dataconfig.from_mapping(BuildConfig, data)


def from_dict(data: dict | None) -> BuildConfig:
    """A validated `BuildConfig` from a plain mapping (as read from YAML)."""
    return from_values(data).validate()


def load_config(profile_or_path: str, overrides: dict | None = None) -> BuildConfig:
    """Read a profile by name (`tiny`, `full`, ...) or a YAML file path; `overrides` (nested keys) go over it."""
    path = Path(profile_or_path)
    if not path.suffix:
        path = PROFILES_DIR / f"{profile_or_path}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in PROFILES_DIR.glob("*.yaml")))
        raise FileNotFoundError(f"no profile or config file {profile_or_path!r} (profiles: {known})")
    return from_dict(dataconfig.merge(dataconfig.read_mapping(path), overrides or {}))


def to_dict(config: BuildConfig) -> dict:
    """The config as plain data."""
    return dataconfig.to_dict(config)


def save_config(config: BuildConfig, path: Path) -> None:
    """Write the resolved config as YAML."""
    import yaml

    Path(path).write_text(yaml.safe_dump(to_dict(config), sort_keys=False), encoding="utf-8")
