"""benchmarks/gpu_check.py: the runner never stops at a failure, and the CPU smoke run covers every step."""
from __future__ import annotations

import json
import time

import pytest

pytest.importorskip("peft")
pytest.importorskip("diffusers")
pytest.importorskip("cv2")

from benchmarks import gpu_check  # noqa: E402
from benchmarks.gpu_steps import STEPS, Context, Skip  # noqa: E402


def test_runner_reports_each_outcome_and_goes_on(tmp_path):
    def broken(ctx):
        raise RuntimeError("CUDA out of memory")

    def absent(ctx):
        raise Skip("no CUDA")

    steps = {"a": broken, "b": absent, "c": lambda ctx: {"value": 3}}
    results = gpu_check.run_steps(steps, Context(tmp_path, tmp_path, "cpu", True), log=lambda *a, **k: None)
    assert [r.status for r in results] == ["failed", "skipped", "ok"]
    assert results[0].why == "RuntimeError: CUDA out of memory" and results[0].data["traceback"]
    assert results[1].why == "skipped: no CUDA"
    assert results[2].data == {"value": 3}


def test_a_step_past_its_time_limit_fails_and_the_next_one_runs(tmp_path):
    def stuck(ctx):
        time.sleep(5)
        return {}

    ctx = Context(tmp_path, tmp_path, "cpu", True)
    results = gpu_check.run_steps({"stuck": stuck, "next": lambda ctx: {"ran": True}}, ctx,
                                  log=lambda *a, **k: None, timeout_s=0.2)
    assert results[0].status == "failed" and "time limit" in results[0].why and results[0].seconds < 2
    assert results[1].status == "ok"


@pytest.fixture(scope="module")
def smoke_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("gpu-check")
    status = gpu_check.main(["--out", str(out), "--cpu-smoke"])
    return status, json.loads((out / "gpu_check.json").read_text()), (out / "gpu_check.md").read_text()


def test_cpu_smoke_runs_every_step_without_failure(smoke_report):
    status, report, table = smoke_report
    steps = {step["name"]: step for step in report["steps"]}
    assert list(steps) == list(STEPS)
    failed = {name: step["why"] for name, step in steps.items() if step["status"] == "failed"}
    assert failed == {} and status == 0
    for name in steps:
        assert f"| {name} |" in table
    assert report["mode"] == "cpu-smoke" and report["machine"]["torch"]


def test_cpu_smoke_measures_what_the_cpu_can_and_names_what_needs_cuda(smoke_report):
    steps = {step["name"]: step for step in smoke_report[1]["steps"]}
    qwen = steps["qlora/qwen2.5-7b-t4"]["data"]
    assert qwen["estimate_gib"]["total"] > 5  # the real 7B estimate, whatever the smoke shapes
    assert qwen["cpu_tiny"]["tokens_per_second"] > 0 and len(qwen["cpu_tiny"]["losses"]) == 2
    assert "4-bit NF4: no CUDA" in qwen["skipped"]
    llm = steps["llm/constrained-batch"]["data"]
    assert llm["constrained"]["new_tokens"] > 0 and llm["free"]["new_tokens"] > 0
    assert llm["constrained"]["valid"] == llm["candidates"]  # the grammar closes every candidate
    metric = steps["metric/tiny-on-device"]["data"]
    assert metric["layout"] == {"vqa": "cpu", "aesthetic": "cpu"} and metric["finite"]
    image = steps["diffusion/sdxl-384-fp16"]["data"]
    assert image["per_candidate"]["images"] == 1
    assert image["per_candidate"]["max_bytes"] <= image["per_candidate"]["budget"]
