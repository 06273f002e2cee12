"""Where the image backend runs: the generator on `cuda:0`, the scorer on `cuda:1` when there are two GPUs (Kaggle's
2x T4), both on `cuda:0` with one, and no generator at all without CUDA unless the CPU is asked for explicitly.

fp16 on every GPU: the T4 (sm 7.5) has fp16 tensor cores but no bf16, and the P100 has neither, so bf16 is never
chosen; fp32 on the CPU, where half-precision convolutions are slow or missing.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...metric.loading import pick_devices


class ImageBackendUnavailable(RuntimeError):
    """The image backend cannot run here (no GPU, no pipeline); `Model` goes on to the next backend."""


@dataclass(frozen=True)
class Placement:
    """Devices of the generator and of the best-of-N scorer, and the generator's torch dtype name.

    `scorer` is where a `MetricScorer` loaded with device "auto" goes on this machine (the scorer is loaded by
    `Model`, not by this backend: `MetricOptions.device` sets it).
    """

    generator: str
    scorer: str
    dtype: str


def plan_placement(device: str = "auto", cuda_count: int = 0, dtype: str = "auto") -> Placement:
    """Pure placement rule (unit-tested without GPUs); see the module docstring.

    `device`: "auto" or "cuda" (a GPU is required) or "cpu"; `cuda_count`: visible GPUs; `dtype`: "auto",
    "float16" or "float32". Raises ImageBackendUnavailable when a GPU is required and none is visible.
    """
    if device == "cpu":
        return Placement("cpu", "cpu", "float32" if dtype == "auto" else dtype)
    if cuda_count < 1:
        raise ImageBackendUnavailable(
            "the image backend needs a CUDA GPU and none is visible (image.device='cpu' forces the CPU, for tests)")
    # the scorer's own rule (MetricOptions.device "auto"), so the two never disagree on where the scorer is
    scorer = pick_devices("auto", cuda_count).vqa
    return Placement("cuda:0", scorer, "float16" if dtype == "auto" else dtype)


def detect_placement(device: str = "auto", dtype: str = "auto") -> Placement:
    """`plan_placement` for this machine (imports torch)."""
    count = 0
    if device != "cpu":
        import torch

        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
    return plan_placement(device, count, dtype)
