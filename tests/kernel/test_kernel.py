"""The Kaggle submission: metadata, the shipped utility script, the wheels dataset, the gateway, the dry run."""
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from svgllm.rules import check

from kernel import dry_run, metadata, utility_script, wheels
from kernel.gateway import SubmissionFailed, load_items, run_gateway

REPO = Path(__file__).resolve().parents[2]


def test_repository_kernel_metadata_is_valid():
    data = json.loads((REPO / "kernel-metadata.json").read_text())
    assert metadata.validate(data, REPO) == []
    assert data["enable_internet"] is False and data["enable_gpu"] is True
    assert data["competition_sources"] == ["drawing-with-llms"]


@pytest.mark.parametrize(("change", "message"), [
    ({"id": "no-owner"}, "id must be"),
    ({"id": "a/b/1"}, "id must be"),
    ({"title": "abc"}, "at least 5"),
    ({"title": "Another Title"}, "slugifies"),
    ({"code_file": "missing.ipynb"}, "does not exist"),
    ({"language": "r"}, "language"),
    ({"kernel_type": "app"}, "kernel_type"),
    ({"enable_gpu": "yes"}, "enable_gpu"),
    ({"model_sources": ["a/b"]}, "model_sources"),
    ({"dataset_sources": "a/b"}, "must be a list"),
    ({"competition_sources": ["Drawing With LLMs"]}, "competition_sources"),
])
def test_metadata_problems_are_reported(change, message):
    data = json.loads((REPO / "kernel-metadata.json").read_text())
    data.update(change)
    assert any(message in problem for problem in metadata.validate(data, REPO))


def test_set_owner_rewrites_references(tmp_path):
    path = tmp_path / "kernel-metadata.json"
    path.write_text((REPO / "kernel-metadata.json").read_text())
    data = metadata.set_owner(path, "alice")
    assert data["id"].startswith("alice/") and data["dataset_sources"] == ["alice/svgllm-wheels"]


def test_utility_script_ships_a_working_package(tmp_path):
    folder = utility_script.build(tmp_path / "source", owner="alice").parent
    meta = json.loads((folder / "kernel-metadata.json").read_text())
    assert metadata.validate(meta, folder) == [] and meta["keywords"] == ["utility script"]
    output = tmp_path / "output"
    output.mkdir()
    subprocess.run([sys.executable, str(folder / utility_script.SCRIPT_NAME)], cwd=output, check=True,
                   capture_output=True)
    shipped = set(utility_script.package_files())
    written = {p.relative_to(output / "svgllm").as_posix() for p in (output / "svgllm").rglob("*") if p.is_file()}
    assert shipped == written and "data/svg_rules.json" in written
    # a clean interpreter, the repository's copy off the path: only the shipped package can be imported
    code = (
        "import sys; from pathlib import Path\n"
        f"sys.path[:] = [{str(output)!r}] + [p for p in sys.path if p and Path(p).resolve() != "
        f"Path({str(REPO / 'utility_script')!r}).resolve()]\n"
        "import svgllm\n"
        "from svgllm.rules import check\n"
        "svg = svgllm.Model().predict('a red barn beside a golden wheat field')\n"
        "print(svgllm.__file__); print(check(svg) == ())\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split()
    assert lines[0].startswith(str(output)) and lines[1] == "True"


def test_wheels_dataset_metadata_and_command(tmp_path):
    command = wheels.build(tmp_path, owner="alice", dry_run=True)
    assert "--only-binary=:all:" in command and "cairosvg==2.9.1" in command and "3.11" in command
    assert json.loads((tmp_path / "dataset-metadata.json").read_text())["id"] == "alice/svgllm-wheels"
    assert "cairosvg" in (tmp_path / "requirements.txt").read_text().split()


def test_wheels_download_from_pypi(tmp_path):
    wheels.build(tmp_path, packages=("defusedxml==0.7.1",))
    assert [p.name for p in tmp_path.glob("*.whl")] == ["defusedxml-0.7.1-py2.py3-none-any.whl"]


class Good:
    def predict(self, prompt):
        return '<svg xmlns="http://www.w3.org/2000/svg"><rect width="384" height="384" fill="red"/></svg>'


class ReturnsBytes(Good):
    def predict(self, prompt):
        return b"<svg/>"


class ReturnsText(Good):
    def predict(self, prompt):
        return '<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>'


class TooSlow(Good):
    def predict(self, prompt):
        time.sleep(2)
        return super().predict(prompt)


ITEMS = [{"id": "a", "description": "x"}, {"id": "b", "description": "y"}]


def test_gateway_writes_submission_and_timings(tmp_path):
    report = run_gateway(Good, ITEMS, tmp_path / "s.csv", progress=False)
    with open(tmp_path / "s.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["a", "b"] and len(report.rows) == 2
    assert "2 descriptions" in report.summary()


@pytest.mark.parametrize(("model", "message"), [(ReturnsBytes, "not str"), (ReturnsText, "invalid SVG"),
                                                 (TooSlow, "longer than")])
def test_gateway_fails_the_submission_like_the_real_one(tmp_path, model, message):
    with pytest.raises(SubmissionFailed, match=message):
        run_gateway(model, ITEMS, tmp_path / "s.csv", predict_limit_s=0.5, progress=False)


def test_dry_run_executes_the_exported_notebook(tmp_path):
    found = dry_run.competition_dir()
    descriptions = found / "train.jsonl" if found else REPO / "samples" / "descriptions.csv"
    report = dry_run.run(descriptions, tmp_path / "dry")
    assert report["count"] == len(load_items(descriptions)) >= 15
    assert report["svgllm_file"].startswith(str(tmp_path / "dry" / "kaggle" / "input"))
    assert report["executed_sha256"] == report["exported_sha256"]
    # the export is the notebook as it is now
    fresh = dry_run.export_notebook(tmp_path / "fresh")
    assert dry_run.sha256(fresh) == report["executed_sha256"]
    with open(report["output"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert all(check(row["svg"]) == () for row in rows)


def test_exported_model_falls_back_when_svgllm_cannot_load(tmp_path):
    core = dry_run.export_notebook(tmp_path / "pkg")
    code = (
        "import sys, importlib.util\nfrom pathlib import Path\n"
        f"sys.path[:] = [p for p in sys.path if p and Path(p).resolve() != Path({str(REPO / 'utility_script')!r})]\n"
        "sys.modules['kagglehub'] = None\n"  # no utility script to install either
        f"spec = importlib.util.spec_from_file_location('core', {str(core)!r})\n"
        "core = importlib.util.module_from_spec(spec); spec.loader.exec_module(core)\n"
        "print(core.Model().predict('x') == core.FALLBACK_SVG)\n")
    env = {"KAGGLE_INPUT": str(tmp_path / "empty"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.strip() == "True", done.stderr
