"""`composer`: the embedded default backend — draws a description with no model weights.

The description is parsed into a scene spec (`parse.parse`), then painted by the painter that fits it:
landscape (sky by time and weather, terrain), abstract (shapes in arrangements), fashion (garments with fabric
patterns and materials) or object (emoji motifs from the bundled library, recoloured). Deterministic: the
same description always gives the same SVG; typically a few milliseconds per description.
"""

from __future__ import annotations

from ...deadline import Deadline
from .compose import compose
from .parse import parse

__all__ = ["ComposerBackend", "compose", "parse"]


class ComposerBackend:
    """Backend protocol adapter around `compose`."""

    name = "composer"

    def __init__(self, config=None):
        self.config = config

    def generate(self, description: str, deadline: Deadline | None = None) -> str:
        """Draw `description`; raises TypeError for a non-str description."""
        if not isinstance(description, str):
            raise TypeError(f"description must be a str, got {type(description).__name__}")
        return compose(description)
