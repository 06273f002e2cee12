"""The planner recipe trains on the real 270M and resumes after the process is killed mid-run."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RECIPE = ROOT / "training_notebooks" / "recipes" / "gemma3-270m-cpu-planner.yaml"


def command(base_dir: Path, data: Path, out: Path) -> list[str]:
    overrides = {"model.source": base_dir, "training.output_dir": out, "training.max_steps": 3,
                 "training.eval_steps": 1, "training.logging_steps": 1, "training.per_device_train_batch_size": 2,
                 "training.per_device_eval_batch_size": 2, "data.max_train_rows": 12, "data.max_eval_rows": 2,
                 "training.warmup_ratio": 0.0}
    sets = [arg for key, value in overrides.items() for arg in ("--set", f"{key}={value}")]
    return [sys.executable, "-m", "training_notebooks.svgtrain.train", "--recipe", str(RECIPE),
            "--dataset", str(data), "--resume", "auto", *sets]


def test_training_resumes_after_a_kill(base_dir, tmp_path):
    pytest.importorskip("trl")
    from dataset_build.planner_pairs import build_pairs, write

    data = tmp_path / "pairs"
    write(build_pairs(rows=60, seed=5), data, seed=5)
    out = tmp_path / "run"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1"}
    first = subprocess.Popen(command(base_dir, data / "hf", out), cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    checkpoint = out / "checkpoints" / "checkpoint-1" / "trainer_state.json"
    started = time.monotonic()
    while not checkpoint.is_file() and first.poll() is None and time.monotonic() - started < 900:
        time.sleep(0.5)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert checkpoint.is_file(), "the first run wrote no checkpoint before it was killed"
    assert not (out / "adapter").exists()  # killed before the end: nothing exported
    second = subprocess.run(command(base_dir, data / "hf", out), cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=900)
    assert second.returncode == 0, second.stderr[-2000:]
    info = json.loads((out / "adapter" / "training_info.json").read_text())
    assert info["resumed_from"] and Path(info["resumed_from"]).name.startswith("checkpoint-")
    assert info["global_step"] == 3 and (out / "adapter" / "adapter_model.safetensors").is_file()
