"""Child side of the dry run: a clean interpreter that imports the exported notebook module and serves it
through the local gateway. The repository's svgllm is taken off the path, as it is absent on Kaggle."""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _forget_repository_package() -> None:
    """Drop the editable install's path entry so only the shipped (emulated /kaggle/input) svgllm can load."""
    own = (REPO / "utility_script").resolve()
    sys.path[:] = [entry for entry in sys.path if entry and Path(entry).resolve() != own]
    for name in [name for name in sys.modules if name == "svgllm" or name.startswith("svgllm.")]:
        del sys.modules[name]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--core", required=True)
    parser.add_argument("--descriptions", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    _forget_repository_package()
    from kernel.dry_run import sha256
    from kernel.gateway import load_items, run_gateway

    core_path = Path(args.core)
    spec = importlib.util.spec_from_file_location("core", core_path)
    core = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(core)
    items = load_items(args.descriptions)[: args.limit]
    core.Model().predict("warm-up: a red circle")  # the first call loads svgllm from the emulated input
    report = run_gateway(core.Model, items, args.output)
    import svgllm

    result = {"summary": report.summary(), "svgllm_file": svgllm.__file__, "output": args.output,
              "executed_sha256": sha256(core_path), "count": len(report.rows),
              "seconds": [round(seconds, 4) for _, _, seconds in report.rows]}
    Path(args.report).write_text(json.dumps(result, indent=1))
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
