"""The `svgllm` command line end to end: draw, run (with resume and gallery), check."""
import csv
import subprocess
import sys

import pytest
from svgllm.batch import read_descriptions
from svgllm.cli import main
from svgllm.rules import check

PALETTE = ["--backends", "palette"]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "description"])
        writer.writerows(rows)


def read_submission(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_draw_writes_svg_and_png_and_reports_backend(tmp_path, capsys):
    out, png = tmp_path / "a.svg", tmp_path / "a.png"
    assert main(["draw", "a red cabin overlooking a misty lake", "-o", str(out), "--png", str(png), *PALETTE]) == 0
    assert check(out.read_text()) == ()
    from PIL import Image

    assert Image.open(png).size == (384, 384)
    assert "drawn by palette in" in capsys.readouterr().err


def test_run_writes_valid_submission_gallery_and_resumes(tmp_path, capsys):
    descriptions = tmp_path / "d.csv"
    write_csv(descriptions, [("a", "a red apple"), ("b", "blue \"quoted\", comma"), ("c", "")])
    output, gallery = tmp_path / "sub.csv", tmp_path / "gallery"
    assert main(["run", str(descriptions), "-o", str(output), "--gallery", str(gallery), "-q", *PALETTE]) == 0
    rows = read_submission(output)
    assert [r["id"] for r in rows] == ["a", "b", "c"] and all(check(r["svg"]) == () for r in rows)
    assert (gallery / "index.html").exists() and (gallery / "contact_sheet.png").exists()
    assert "blue &quot;quoted&quot;, comma" in (gallery / "index.html").read_text()

    # an interrupted run (last row missing) resumes without redrawing finished rows
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "svg"])
        writer.writerow(["a", rows[0]["svg"]])
    capsys.readouterr()
    assert main(["run", str(descriptions), "-o", str(output), "-q", *PALETTE]) == 0
    assert "(1 resumed)" in capsys.readouterr().err
    assert [r["id"] for r in read_submission(output)] == ["a", "b", "c"]

    assert main(["check", "--csv", str(output)]) == 0


def test_check_reports_violations_with_exit_status(tmp_path, capsys):
    good, bad = tmp_path / "good.svg", tmp_path / "bad.svg"
    good.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    bad.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>x</text><rect style="fill:red"/></svg>')
    assert main(["check", str(good)]) == 0
    assert main(["check", str(good), str(bad), str(tmp_path / "missing.svg")]) == 1
    out = capsys.readouterr().out
    assert "element not allowed: <text>" in out and "attribute not allowed: <rect style>" in out
    assert "missing.svg: cannot read" in out


@pytest.mark.parametrize("content", ["x,y\n1,2\n", "", "id,description\na,x\na,y\n"])
def test_run_rejects_bad_csv_with_a_clear_error(tmp_path, capsys, content):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    assert main(["run", str(path), "-o", str(tmp_path / "o.csv"), *PALETTE]) == 2
    assert "svgllm run: error:" in capsys.readouterr().err
    with pytest.raises(ValueError):
        read_descriptions(path)


def test_bad_options_give_clear_errors(capsys):
    assert main(["draw", "x", "--deadline", "9999"]) == 2
    assert "deadline_s" in capsys.readouterr().err


def test_python_dash_m_entry_point(tmp_path):
    out = tmp_path / "x.svg"
    done = subprocess.run([sys.executable, "-m", "svgllm", "draw", "green hills", "-o", str(out), *PALETTE],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert check(out.read_text()) == ()


def test_import_is_light():
    code = ("import sys, svgllm; heavy = [m for m in ('cairosvg', 'torch', 'transformers', 'PIL', 'numpy') "
            "if m in sys.modules]; print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]"
