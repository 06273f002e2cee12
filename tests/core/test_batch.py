"""`svgllm run`'s files: strict reading of the descriptions CSV, and a submission that survives kills and tears."""
import csv
import os
import signal
import subprocess
import sys
import time

import pytest
from svgllm.batch import read_descriptions, read_resume
from svgllm.cli import main
from svgllm.rules import check

PALETTE = ["--backends", "palette"]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9" fill="red"/></svg>'


def write_descriptions(path, count):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "description"])
        writer.writerows((f"r{index}", f"a red barn number {index} beside a blue lake") for index in range(count))
    return [f"r{index}" for index in range(count)]


def submission_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle, strict=True))


def assert_complete_submission(path, ids):
    """Header once, then every id exactly once, in order, each with a valid SVG."""
    rows = submission_rows(path)
    assert rows[0] == ["id", "svg"]
    assert [row[0] for row in rows[1:]] == ids
    assert all(len(row) == 2 and check(row[1]) == () for row in rows[1:])


def run(descriptions, output):
    return main(["run", str(descriptions), "-o", str(output), "-q", *PALETTE])


def test_a_byte_order_mark_and_extra_columns_are_accepted(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid,description,extra\r\nr1,a red barn,x\r\n".encode())
    assert read_descriptions(path) == [{"id": "r1", "description": "a red barn"}]


def test_quoted_newlines_and_blank_lines_are_accepted(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('id,description\nr1,"a red barn,\nat dusk"\n\nr2,"a ""blue"" lake"\n\n')
    assert read_descriptions(path) == [{"id": "r1", "description": "a red barn,\nat dusk"},
                                       {"id": "r2", "description": 'a "blue" lake'}]


@pytest.mark.parametrize(("content", "message"), [
    ('id,description\nr1,"a red barn\nr2,a blue lake\n', "line 2: malformed CSV"),  # a quote never closed
    ('id,description\nr1,a red barn\nr2,"a blue" lake\n', "line 3: malformed CSV"),  # text after a closing quote
    ("id,description\nr1,a red barn,at dusk\n", "line 2: 3 fields, the header has 2"),
    ("id,description\nr1,a red barn\nr2\n", "line 3: 1 fields, the header has 2"),
    ("id,prompt\nr1,a red barn\n", "line 1: needs a header with columns 'id' and 'description'"),
    ("", "line 1: needs a header"),
    ("id,description\nr1,a\nr2,b\nr1,c\n", "line 4: id 'r1' repeats line 2"),
    ("id,description\n,a red barn\n", "line 2: empty id"),
])
def test_malformed_descriptions_fail_with_the_line_and_status_2(tmp_path, capsys, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(ValueError, match=message):
        read_descriptions(path)
    output = tmp_path / "out.csv"
    assert run(path, output) == 2
    assert message in capsys.readouterr().err
    assert not output.exists()  # nothing was drawn from a file that could not be trusted


def test_non_utf8_input_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,description\nr1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        read_descriptions(path)


@pytest.mark.parametrize("existing", [b"", b"id,svg\r\n", b"id,svg", b"id,s", b"\xef\xbb\xbfid,svg\r\n"])
def test_an_empty_or_header_only_output_counts_as_empty(tmp_path, existing):
    ids = write_descriptions(tmp_path / "d.csv", 3)
    output = tmp_path / "out.csv"
    output.write_bytes(existing)  # what a kill before the first row leaves behind
    assert run(tmp_path / "d.csv", output) == 0
    assert_complete_submission(output, ids)


def finished_submission(tmp_path, count):
    """A complete run's output: (descriptions path, output path, ids, the output's bytes)."""
    descriptions, output = tmp_path / "d.csv", tmp_path / "out.csv"
    ids = write_descriptions(descriptions, count)
    assert run(descriptions, output) == 0
    return descriptions, output, ids, output.read_bytes()


def test_every_cut_of_the_last_row_is_redrawn_and_never_merged(tmp_path, capsys):
    """Cut the file at every byte of its last row (what a tear mid-write leaves); each resume ends complete."""
    descriptions, output, ids, data = finished_submission(tmp_path, 3)
    last_start = data.rindex(b"\r\nr2,") + 2
    # every byte near both ends of the row (where quoting and terminators sit), a stride through the middle
    cuts = {*range(last_start, last_start + 40), *range(len(data) - 40, len(data) + 1),
            *range(last_start, len(data), 61)}
    for cut in sorted(cuts):
        output.write_bytes(data[:cut])
        resume = read_resume(output)
        assert set(resume.done) == ({"r0", "r1", "r2"} if cut >= len(data) - 2 else {"r0", "r1"}), cut
        assert run(descriptions, output) == 0
        assert_complete_submission(output, ids)
    assert "was cut mid-write; drawing it again" in capsys.readouterr().err


def test_a_torn_multibyte_character_is_a_torn_row(tmp_path):
    descriptions, output = tmp_path / "d.csv", tmp_path / "out.csv"
    ids = write_descriptions(descriptions, 2)
    row = f'r0,"{SVG.replace(chr(34), chr(34) * 2)}"\r\n'.encode()
    output.write_bytes(b"id,svg\r\n" + row + 'r1,"<svg é'.encode()[:-1])  # ends inside a two-byte character
    assert read_resume(output).torn_id == "?"
    assert run(descriptions, output) == 0
    assert_complete_submission(output, ids)


def test_a_finished_row_without_its_line_end_is_kept_and_closed(tmp_path):
    descriptions, output, ids, data = finished_submission(tmp_path, 3)
    without_r2 = data[:data.rindex(b"\r\nr2,") + 2]
    output.write_bytes(without_r2[:-2])  # r1 complete, killed before its "\r\n"
    before = submission_rows(output)[2]
    assert run(descriptions, output) == 0
    assert_complete_submission(output, ids)
    assert submission_rows(output)[2] == before  # resumed, not redrawn


@pytest.mark.parametrize("damage", ["invalid middle row", "repeated id", "unknown id", "foreign header"])
def test_damage_before_the_last_row_is_an_error_and_the_file_is_untouched(tmp_path, capsys, damage):
    descriptions, output, ids, data = finished_submission(tmp_path, 3)
    rows = data.split(b"\r\n")
    if damage == "invalid middle row":
        rows[1] = b'r0,"<svg><text>x</text></svg>"'
    elif damage == "repeated id":
        rows[2] = rows[1]
    elif damage == "unknown id":
        rows[1] = rows[1].replace(b"r0,", b"zz,", 1)
    else:
        rows[0] = b"id,description"
    damaged = b"\r\n".join(rows)
    output.write_bytes(damaged)
    assert run(descriptions, output) == 2
    assert "svgllm run: error:" in capsys.readouterr().err
    assert output.read_bytes() == damaged


def test_sigkill_mid_run_then_resume_gives_each_id_once(tmp_path):
    """Kill a real `svgllm run` three times while it writes, then let it finish: every id once, every SVG valid."""
    descriptions, output = tmp_path / "d.csv", tmp_path / "out.csv"
    ids = write_descriptions(descriptions, 400)
    command = [sys.executable, "-m", "svgllm", "run", str(descriptions), "-o", str(output), "-q", *PALETTE]
    kills = 0
    for _ in range(3):
        rows_before = output.read_bytes().count(b"\r\nr") if output.exists() else 0
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        # wait until this process has written a few rows of its own, so the kill lands mid-run
        while process.poll() is None and time.monotonic() - started < 120:
            if output.exists() and output.read_bytes().count(b"\r\nr") >= rows_before + 5:
                break
            time.sleep(0.005)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        resume = read_resume(output)  # trusted as it is (at most a torn last row): no error, no repeated id
        assert list(resume.done) == ids[:len(resume.done)]
    assert kills == 3, "the run finished before it could be killed; give it more rows"
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert_complete_submission(output, ids)
    assert " resumed)" in done.stderr and "(0 resumed)" not in done.stderr
