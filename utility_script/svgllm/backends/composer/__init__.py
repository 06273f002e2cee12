"""`composer`: the embedded default backend — draws a description with no model weights.

The flow runs one way (`compose.compose`): the description is parsed into a scene spec (`parse.parse`), frozen
(`scene.freeze`), resolved into the painter that fits it and the scene as that painter draws it
(`layout.resolve`), then painted: landscape (sky by time and weather, terrain), abstract (shapes in
arrangements), fashion (garments with fabric patterns and materials) or object (emoji motifs from the bundled
library, recoloured, placed by `placement`). Deterministic: the same description always gives the same SVG;
typically a few milliseconds per description.
"""

from __future__ import annotations

from ...deadline import Deadline
from .compose import compose, draw
from .motifs import load_library
from .parse import parse
from .scene import freeze

__all__ = ["ComposerBackend", "compose", "load_library", "parse"]

# The composer draws into this share of `ModelConfig.budget_bytes`: the rest is headroom for the sanitizer,
# which may add a little (a background, a viewBox) before the final size check (10,000 -> 9,600 bytes).
BUDGET_SHARE = 0.96


class ComposerBackend:
    """Backend protocol adapter around `compose`."""

    name = "composer"

    def __init__(self, config=None):
        from ...config import ModelConfig

        self.config = config
        self.budget = int((config.budget_bytes if config is not None else ModelConfig.budget_bytes) * BUDGET_SHARE)

    def load(self) -> None:
        """Read the bundled motif library now (otherwise on the first drawing that needs a motif)."""
        from .motifs import load_library

        load_library()

    def generate(self, description: str, deadline: Deadline | None = None) -> str:
        """Draw `description`; raises TypeError for a non-str description."""
        if not isinstance(description, str):
            raise TypeError(f"description must be a str, got {type(description).__name__}")
        return compose(description, self.budget)

    def candidates(self, description: str, deadline: Deadline | None = None, n: int = 1) -> list[str]:
        """Up to `n` distinct drawings for best-of-N: the default one first, then reseeded variants.

        Stops early when the deadline is close or when variants repeat (painters without random parts draw
        the same picture every time), so it may return fewer than `n`.
        """
        if not isinstance(description, str):
            raise TypeError(f"description must be a str, got {type(description).__name__}")
        scene = freeze(parse(description))  # read once: drawing never changes the scene, so every variant shares it
        drawings = [draw(scene, self.budget)]
        # a few extra tries cover variants that happen to coincide; a painter with no randomness repeats at once
        for variant in range(1, 2 * n):
            if len(drawings) >= n or (deadline is not None and deadline.remaining() <= 0.05):
                break
            svg = draw(scene, self.budget, variant=variant)
            if svg == drawings[0] and variant == 1:
                break  # nothing random in this drawing: every variant would be the same
            if svg not in drawings:
                drawings.append(svg)
        return drawings
