"""`svgllm score`: the proxy path and the metric path (tiny saved models), resuming, and clear errors."""
import argparse
import csv
import json

import pytest
from metric_samples import APPLE_SVG, OCEAN_SVG
from svgllm.metric import cli


def write_submission(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "svg"])
        writer.writerows(rows)
    return path


def run(argv):
    """Parse with our own parser holding only `score` (as the svgllm CLI does) and run the handler."""
    parser = argparse.ArgumentParser(prog="svgllm")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_proxy_scoring_prints_a_table_and_writes_a_gallery(tmp_path, questions_file, capsys):
    submission = write_submission(tmp_path / "sub.csv", [("t1", APPLE_SVG), ("t2", OCEAN_SVG)])
    gallery = tmp_path / "gallery"
    argv = ["score", str(submission), "--questions", str(questions_file), "--gallery", str(gallery), "-q"]
    assert run(argv) == 0
    out, err = capsys.readouterr()
    assert "proxy" in err
    lines = out.strip().splitlines()
    assert lines[0].split()[:2] == ["id", "score"] and "colour" in lines[0]
    assert lines[1].startswith("t1") and "red apple" in lines[1]
    assert lines[-1].startswith("mean score")
    with open(gallery / "scores.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == ["t1", "t2"] and all(0 < float(r["score"]) <= 1 for r in rows)
    assert (gallery / "contact_sheet.png").exists() and (gallery / "index.html").exists()
    assert len((gallery / "scores.jsonl").read_text().splitlines()) == 2

    # a second run reuses both results; changing one SVG rescored only that one
    write_submission(submission, [("t1", APPLE_SVG), ("t2", APPLE_SVG)])
    argv = ["score", str(submission), "--questions", str(questions_file), "--gallery", str(gallery), "-q"]
    assert run(argv) == 0
    out, err = capsys.readouterr()
    assert "1 results reused" in err
    logged = [json.loads(line)["id"] for line in (gallery / "scores.jsonl").read_text().splitlines()]
    assert logged == ["t1", "t2", "t2"]


def test_missing_rows_and_unknown_ids_are_reported(tmp_path, questions_file, capsys):
    submission = write_submission(tmp_path / "sub.csv", [("t1", APPLE_SVG), ("zz", OCEAN_SVG)])
    assert run(["score", str(submission), "--questions", str(questions_file), "-q"]) == 0
    out, err = capsys.readouterr()
    assert "no SVG for this id" in out
    assert "1 descriptions have no SVG" in err and "1 submission rows have no questions" in err


@pytest.mark.parametrize("extra, message", [
    (["--vqa-model", "x"], "missing --aesthetic-model, --clip-model"),
])
def test_partial_model_options_are_an_error(tmp_path, questions_file, capsys, extra, message):
    submission = write_submission(tmp_path / "sub.csv", [("t1", APPLE_SVG)])
    assert cli.main(["score", str(submission), "--questions", str(questions_file), *extra]) == 2
    assert message in capsys.readouterr().err


def test_an_unknown_device_is_refused_by_name(tmp_path, questions_file, capsys):
    submission = write_submission(tmp_path / "sub.csv", [("t1", APPLE_SVG)])
    assert cli.main(["score", str(submission), "--questions", str(questions_file), "--devices", "tpu"]) == 2
    assert "scorer device must be" in capsys.readouterr().err


def test_bad_submission_files_give_one_clear_line(tmp_path, questions_file, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,drawing\nt1,<svg/>\n", encoding="utf-8")
    assert cli.main(["score", str(bad), "--questions", str(questions_file)]) == 2
    assert "columns 'id' and 'svg'" in capsys.readouterr().err
    other = write_submission(tmp_path / "other.csv", [("q9", APPLE_SVG)])
    assert cli.main(["score", str(other), "--questions", str(questions_file)]) == 2
    assert "no id of" in capsys.readouterr().err
    assert cli.main(["score", str(other), "--questions", str(tmp_path / "nope.jsonl")]) == 2


def test_metric_scoring_with_tiny_saved_models(tmp_path, questions_file, saved_models, capsys):
    submission = write_submission(tmp_path / "sub.csv", [("t1", APPLE_SVG), ("t2", OCEAN_SVG)])
    code = run(["score", str(submission), "--questions", str(questions_file),
                "--vqa-model", saved_models["vqa"], "--aesthetic-model", saved_models["head"],
                "--clip-model", saved_models["clip"], "--devices", "cpu",
                "--gallery", str(tmp_path / "g"), "-q"])
    assert code == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0].split()
    assert header[:5] == ["id", "score", "vqa", "aesthetic", "ocr"]
    with open(tmp_path / "g" / "scores.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["scorer"] for r in rows} == {"metric"} and all(0 < float(r["vqa"]) < 1 for r in rows)


def test_importing_the_cli_loads_nothing_heavy():
    import subprocess
    import sys

    code = ("import sys, svgllm.metric.cli, svgllm.metric; "
            "heavy = [m for m in ('torch', 'transformers', 'scipy', 'cairosvg') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, check=False).returncode == 0
