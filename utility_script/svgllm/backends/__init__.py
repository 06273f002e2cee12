"""Drawing backends. Each turns a description into raw SVG text; `Model` chains them.

A backend is any object with a `name: str` and `generate(description, deadline) -> str`. The raw text may be
imperfect: `Model` sanitises and checks it, and hands over to the next backend when it fails.
Optionally, for best-of-N (`ModelConfig.candidates` > 1), a backend that can vary its drawing also has
`candidates(description, deadline, n) -> list[str]`: up to `n` raw SVGs, its preferred one first; `Model` checks
each one like a `generate` answer. A backend without it gives one candidate.
Backends are created by name through `create_backend`, which imports each module only when asked.
"""
from __future__ import annotations

import pkgutil
from typing import Protocol, runtime_checkable

from ..deadline import Deadline


@runtime_checkable
class Backend(Protocol):
    """What `Model` needs of a backend."""

    name: str

    def generate(self, description: str, deadline: Deadline) -> str:
        """Return SVG text for `description`, finishing before `deadline`; may raise on failure."""
        ...


# name -> "module:factory"; factories take the ModelConfig. Imported lazily so a missing optional
# dependency (torch for "llm") only matters when that backend is asked for.
REGISTRY: dict[str, str] = {
    "composer": "svgllm.backends.composer:ComposerBackend",
    "palette": "svgllm.backends.palette:PaletteBackend",
    "llm": "svgllm.backends.llm:LLMBackend",
    "planner": "svgllm.backends.planner:PlannerBackend",
    "image": "svgllm.backends.image:ImageBackend",
}


def available_backends() -> tuple[str, ...]:
    """Names `create_backend` accepts."""
    return tuple(REGISTRY)


def create_backend(name: str, config=None) -> Backend:
    """Instantiate the backend registered as `name` (ValueError with the known names otherwise)."""
    try:
        target = REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown backend {name!r}; known: {', '.join(REGISTRY)}") from None
    return pkgutil.resolve_name(target)(config)
