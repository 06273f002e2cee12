"""Child side of the dry run, run by a fresh Kaggle-like interpreter: refuse the network, import the exported
notebook module, serve it through the local gateway (start-up timed inside `Model()`) and write a JSON report."""
from __future__ import annotations

import argparse
import importlib.util
import json
import socket
import sys
from pathlib import Path

LOOKUPS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr")
SENDS = ("socket.connect", "socket.sendto", "socket.sendmsg")


def guard_network(log: list[str]) -> None:
    """Record and refuse every internet connection and name lookup this interpreter attempts."""

    def hook(event, args):
        if event in LOOKUPS or (event in SENDS and args[0].family in (socket.AF_INET, socket.AF_INET6)):
            log.append(f"{event} {args[1] if event in SENDS else args[0]!r}")
            raise OSError(f"the dry run refuses {event}: a scoring run has no network")

    sys.addaudithook(hook)


def import_core(path: Path):
    """The exported notebook module, loaded from its file."""
    spec = importlib.util.spec_from_file_location("core", path)
    core = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(core)
    return core


def planner_files(package_file: str) -> dict[str, str]:
    """SHA-256 of each file of the planner's adapter in the imported package (svgllm/data/planner/)."""
    from kernel.dry_run import file_digest

    folder = Path(package_file).parent / "data" / "planner"
    return {p.name: file_digest(p) for p in sorted(folder.iterdir()) if p.is_file()} if folder.is_dir() else {}


def main() -> int:
    """Serve the exported `Model` over the descriptions; the report says what happened, the parent judges."""
    parser = argparse.ArgumentParser()
    for name in ("--core", "--descriptions", "--output", "--report"):
        parser.add_argument(name, required=True)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    network: list[str] = []
    guard_network(network)
    from kernel.dry_run import sha256
    from kernel.gateway import SubmissionFailed, load_items, run_gateway

    core = import_core(Path(args.core))
    items = load_items(args.descriptions)[: args.limit]
    result = {"executed_sha256": sha256(Path(args.core)), "network": network, "output": args.output}
    try:
        report = run_gateway(core.Model, items, args.output, progress=False)
    except SubmissionFailed as error:
        result["error"] = str(error)  # names the exception Model() or predict raised
    else:
        import svgllm

        result.update({
            "summary": report.summary(), "svgllm_file": svgllm.__file__, "count": len(report.rows),
            "startup_s": round(report.startup_s, 3), "seconds": [round(s, 4) for _, _, s in report.rows],
            "primary": core.make_config(svgllm).backends[0], "drawn_by": dict(core.Model.drawn_by),
            "descriptions": len({item["description"] for item in items}),
            "drawings": len(set(core.Model.answers.values())),
            "planner_files": planner_files(svgllm.__file__),
        })
    Path(args.report).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
