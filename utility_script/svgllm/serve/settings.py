"""`ServeSettings`: the server's knobs, from code, SVGLLM_SERVE_* variables or `svgllm serve` flags.

Loaded by `svgllm.dataconfig` like `ModelConfig` (unknown keys and bad values are errors naming the field); each
field's help text is written once, here, and the command's options are made from it. Standard library only, so
the CLI can register `serve` without the 'serve' extra installed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar, Literal

from .. import dataconfig
from ..dataconfig import Checked, option

ENV_PREFIX = "SVGLLM_SERVE_"
QUEUE_WAIT_MARGIN_S = 30.0  # default request timeout = the model's own deadline + this much queueing


@dataclass
class ServeSettings(Checked):
    """Server knobs. `timeout_s` None means the model's deadline plus QUEUE_WAIT_MARGIN_S."""

    host: str = option("127.0.0.1", cli="--host", help="interface to listen on")
    port: int = option(8000, cli="--port", bounds=(0, 65535), help="TCP port")
    timeout_s: float | None = option(
        None, env="TIMEOUT_S", cli="--timeout", metavar="S", bounds=(0, None), open_bounds=(True, False),
        help=f"seconds a request may wait, queue included; past it the answer is 504 (none given: the model's "
             f"deadline + {QUEUE_WAIT_MARGIN_S:.0f})")
    queue_size: int = option(32, env="QUEUE", cli="--queue", metavar="N", bounds=(0, None),
                             help="requests allowed to wait behind the running one; more are answered 503")
    log_level: Literal["critical", "error", "warning", "info", "debug"] = option(
        "info", cli="--log-level", help="uvicorn's log level")

    config_label: ClassVar[str] = "ServeSettings keys"

    @classmethod
    def from_dict(cls, values: dict) -> ServeSettings:
        """Build from a mapping; unknown keys raise ValueError naming them."""
        return dataconfig.from_mapping(cls, values)

    @classmethod
    def from_env(cls, environ: dict | None = None) -> ServeSettings:
        """Defaults overridden by SVGLLM_SERVE_TIMEOUT_S and SVGLLM_SERVE_QUEUE (errors name the variable)."""
        return dataconfig.from_env(cls, os.environ if environ is None else environ, ENV_PREFIX)

    def to_dict(self) -> dict:
        """A JSON-ready copy."""
        return dataconfig.to_dict(self)
