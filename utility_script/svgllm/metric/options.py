"""Options of the model-based metric scorer (`MetricScorer.from_options`): its three models and where they run.

Loaded by `svgllm.dataconfig` like every configuration: unknown keys are an error naming the key, values convert
one way ("false" -> False), and each field's help is declared here once (the `svgllm score` flags use it).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..dataconfig import coerce_fields, from_mapping, option
from .loading import SCORER_DEVICE_HELP, check_scorer_device

ENV_NAME = "SVGLLM_METRIC_OPTIONS"  # a JSON object of these options, read by the "metric" scorer's factory
MODEL_FIELDS = ("vqa_model", "aesthetic_model", "clip_model")  # the metric needs all three


@dataclass
class MetricOptions:
    """Where PaliGemma, the aesthetic head and CLIP come from, the device they run on, 4-bit loading."""

    vqa_model: str = option("", cli="--vqa-model",
                            help="PaliGemma (VQA + OCR): local HF folder or Kaggle Models handle")
    aesthetic_model: str = option("", cli="--aesthetic-model",
                                  help="aesthetic MLP head weights (.pth/.safetensors), folder or handle")
    clip_model: str = option("", cli="--clip-model", help="CLIP ViT-L/14: local HF folder or Kaggle Models handle")
    device: str = option("auto", cli="--devices", help="where the scorer runs: " + SCORER_DEVICE_HELP)
    quantize: bool | None = option(None, help="load PaliGemma in 4-bit NF4; None: on when it runs on CUDA")

    config_label: ClassVar[str] = "metric options"
    config_field_prefix: ClassVar[str] = "metric."

    def __post_init__(self):
        coerce_fields(self)
        self.device = check_scorer_device(self.device)  # ValueError naming the accepted forms

    @classmethod
    def from_dict(cls, values: dict | None) -> MetricOptions:
        """Build from a mapping; unknown keys raise ValueError naming them and the known ones."""
        return from_mapping(cls, values)

    def missing_models(self) -> list[str]:
        """The model fields left empty (the metric needs all three)."""
        return [name for name in MODEL_FIELDS if not getattr(self, name)]
