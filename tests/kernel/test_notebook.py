"""The whole notebook, test cell included, run cell by cell as Kaggle would run it (off Kaggle: no
kaggle_evaluation, so the test cell draws a few descriptions itself and checks who drew them)."""
import json
import subprocess
import sys

from kernel import dry_run, utility_script, wheels
from kernel.layouts import lay_out, layouts

RUN_CELLS = """
import json, sys
cells = [c for c in json.load(open(sys.argv[1]))["cells"] if c["cell_type"] == "code"]
namespace = {"__name__": "__main__"}
for cell in cells:
    exec(compile("".join(cell["source"]), "cell", "exec"), namespace)
"""


def test_notebook_runs_and_its_test_cell_checks_the_answers(tmp_path):
    folder = tmp_path / "wheels"
    wheels.build(folder, dry_run=True)  # the marker only: this interpreter already has the wheels' modules
    lay_out(layouts()["input"], tmp_path, utility_script.build(tmp_path / "script"), folder)
    env = {"SVGLLM_KAGGLE_ROOT": str(tmp_path), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1",
           "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", RUN_CELLS, str(dry_run.NOTEBOOK)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert "worst case 45 s each" in lines[0] and "(fits)" in lines[0]
    assert lines[-1] == "3 answers, all drawn by composer"


def test_notebook_cells_are_clean():
    notebook = json.loads(dry_run.NOTEBOOK.read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)
    exported = [cell for cell in code if "".join(cell["source"]).startswith("#| export")]
    assert len(exported) == 3 and "#| default_exp core" in "".join(code[0]["source"])
