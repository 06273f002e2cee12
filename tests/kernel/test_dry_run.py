"""The dry run: the exported notebook in every emulated Kaggle layout, in a clean offline interpreter."""
import csv
import subprocess
import sys

import pytest
from svgllm.rules import check

from kernel import dry_run, sandbox
from kernel.layouts import layouts

REPO = dry_run.REPO
DESCRIPTIONS = REPO / "samples" / "descriptions.csv"
COUNT = 4  # a handful per layout keeps this under a minute on two cores


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    out = tmp_path_factory.mktemp("dry")
    return {report["layout"]: report for report in dry_run.run(DESCRIPTIONS, out / "run", limit=COUNT)}


def test_every_layout_passes(reports):
    assert set(reports) == set(layouts())
    assert {name: report["problems"] for name, report in reports.items()} == {name: [] for name in reports}


@pytest.mark.parametrize("name", [name for name, layout in layouts().items() if not layout.expect_error])
def test_layout_draws_real_different_valid_svgs(reports, name):
    report = reports[name]
    assert report["network"] == [] and report["count"] == COUNT
    assert report["drawn_by"] == {"composer": COUNT} and report["drawings"] == COUNT
    with open(report["output"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len({row["svg"] for row in rows}) == COUNT and all(check(row["svg"]) == () for row in rows)
    assert "/venv/" not in report["svgllm_file"] and "utility_script/svgllm" not in report["svgllm_file"]


@pytest.mark.parametrize(("name", "words"), [("no-wheels", ("svgllm-wheels is not attached", "cairosvg")),
                                             ("missing-wheel", ("pip could not install cairosvg", "cairosvg==2.9.1"))])
def test_broken_layouts_fail_at_model_naming_what_is_missing(reports, name, words):
    error = reports[name]["error"]
    assert error.startswith("Model() raised SetupError") and all(word in error for word in words), error


def test_judge_fails_fallbacks_repeats_and_network():
    layout = layouts()["input"]
    good = {"executed_sha256": "x", "network": [], "drawn_by": {"composer": 3}, "primary": "composer",
            "drawings": 3, "descriptions": 3, "svgllm_file": "/kaggle/input/svgllm-utility/svgllm/__init__.py"}
    assert dry_run.judge(layout, good, "x", ("/kaggle",)) == []
    for change, words in (({"drawn_by": {"composer": 2, "palette": 1}}, "not drawn by"),
                          ({"drawings": 1}, "different drawings"), ({"network": ["socket.connect"]}, "network"),
                          ({"svgllm_file": "/repo/utility_script/svgllm/__init__.py"}, "not from the emulated"),
                          ({"executed_sha256": "y"}, "differs")):
        assert any(words in problem for problem in dry_run.judge(layout, {**good, **change}, "x", ("/kaggle",)))
    assert "should have failed" in dry_run.judge(layouts()["no-wheels"], good, "x", ("/kaggle",))[0]


def test_child_refuses_and_records_the_network():
    code = ("import socket, sys\nfrom kernel._gateway_child import guard_network\nlog = []\nguard_network(log)\n"
            "for call in (lambda: socket.create_connection(('127.0.0.1', 9), 1), "
            "lambda: socket.getaddrinfo('example.com', 80)):\n"
            "    try:\n        call()\n    except OSError as error:\n        assert 'refuses' in str(error)\n"
            "a, b = socket.socketpair(); a.close(); b.close()\n"  # local pipes are not the network
            "print(len(log), log[1])\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "socket.getaddrinfo", "'example.com'"]


def test_isolation_prefix_mode_sets_only_the_root(tmp_path):
    isolation = sandbox.Isolation("prefix", "")
    argv, extra = isolation.wrap(["python", "x.py"], tmp_path)
    assert argv == ["python", "x.py"] and extra == {"SVGLLM_KAGGLE_ROOT": str(tmp_path)}
    assert isolation.kaggle_path(tmp_path, "usr/lib/a") == str(tmp_path / "kaggle" / "usr/lib/a")
    assert sandbox.Isolation("namespace", "unshare -n").kaggle_path(tmp_path, "input") == "/kaggle/input"


def test_the_export_is_the_notebook_as_it_is_now(tmp_path, reports):
    fresh = dry_run.export_notebook(tmp_path / "fresh")
    assert {report["executed_sha256"] for report in reports.values()} == {dry_run.sha256(fresh)}


def test_prefix_isolation_draws_too(tmp_path):
    """Where no mount namespace is allowed, the SVGLLM_KAGGLE_ROOT prefix stands in for /kaggle."""
    isolation = sandbox.detect(allow_namespace=False)
    assert isolation.mode == "prefix"
    (report,) = dry_run.run(DESCRIPTIONS, tmp_path / "run", names=["nested"], limit=2, isolation=isolation)
    assert report["problems"] == [] and report["count"] == 2
    assert report["svgllm_file"].startswith(str(tmp_path / "run" / "nested" / "kaggle" / "input" / "notebooks"))
