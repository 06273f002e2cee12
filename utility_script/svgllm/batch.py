"""`svgllm run`'s files: the strict reader of an `id,description` CSV and the crash-safe, resumable submission.

The submission is written so that a kill can lose at most the row being written: each row is encoded whole and
handed to the OS in one write (so it survives the process), and on resume the file's last row is checked and cut off
if it was torn mid-write. Rows are never merged or lost silently: whatever cannot be trusted is an error or redrawn.
"""
from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

csv.field_size_limit(10**8)  # an SVG column can exceed the csv module's default 128 kB field limit

BOM = "\ufeff"  # what Excel puts in front of a UTF-8 CSV
SUBMISSION_HEADER = ("id", "svg")
DESCRIPTION_COLUMNS = ("id", "description")


def _records(lines: Iterator[str], path: object) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of each non-blank CSV record; malformed quoting is a ValueError with the line."""
    reader = csv.reader(lines, strict=True)  # strict: a stray or unclosed quote is an error, not a merged row
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ValueError(f"{path}: line {start}: malformed CSV ({error}); is a quote left open?") from None
        if fields:  # csv yields [] for a blank line (a trailing empty line is common, and harmless)
            yield start, fields


def read_table(path: str | os.PathLike, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each record of a CSV that has the `required` columns; ValueError naming the line.

    Accepts a UTF-8 byte-order mark and extra columns; rejects unbalanced quotes and rows whose field count differs
    from the header's.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # -sig: drops the BOM Excel writes
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text (byte {error.start})") from None
    records = _records(iter(io.StringIO(text, newline="")), path)
    header = next(records, (1, []))[1]
    if not set(required) <= set(header):
        wanted = " and ".join(repr(name) for name in required)
        found = ", ".join(repr(name[:30]) for name in header[:5])
        raise ValueError(f"{path}: line 1: needs a header with columns {wanted}, found {found or 'none'}")
    table = []
    for line, fields in records:
        if len(fields) != len(header):
            raise ValueError(f"{path}: line {line}: {len(fields)} fields, the header has {len(header)}")
        table.append((line, dict(zip(header, fields, strict=True))))
    return table


def read_descriptions(path: str | os.PathLike) -> list[dict]:
    """Rows (`id`, `description`) of a competition-style CSV (see `read_table`); empty or repeated ids rejected."""
    rows, seen = [], {}
    for line, row in read_table(path, DESCRIPTION_COLUMNS):
        row_id = row["id"]
        if not row_id.strip():
            raise ValueError(f"{path}: line {line}: empty id")
        if row_id in seen:
            raise ValueError(f"{path}: line {line}: id {row_id[:40]!r} repeats line {seen[row_id]}")
        seen[row_id] = line
        rows.append({"id": row_id, "description": row["description"]})
    return rows


def read_svg_column(path: str | os.PathLike) -> list[tuple[str, str]]:
    """(id, svg) of each row of a submission-style CSV (an `svg` column; the id is the line number if none)."""
    return [(row.get("id", str(line)), row["svg"]) for line, row in read_table(path, ("svg",))]


def _format_row(fields: tuple[str, ...]) -> bytes:
    """One CSV record, line terminator included, as the bytes that go to disk."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(fields)
    return buffer.getvalue().encode("utf-8")


def _is_complete(svg: str) -> bool:
    """Whether a resumed row holds a finished, valid drawing (a torn write fails at least one of these)."""
    from .rules import check

    return svg.rstrip().endswith("</svg>") and check(svg) == ()


@dataclass
class Resume:
    """What an existing submission file holds: finished rows, and the byte length of the part to keep."""

    done: dict[str, str] = field(default_factory=dict)
    keep_bytes: int = 0  # 0: start the file afresh (header included)
    torn_id: str | None = None  # id of a last row that was cut mid-write and is drawn again
    needs_newline: bool = False  # the kept part ends with a complete row but no line terminator


def read_resume(output: Path) -> Resume:
    """Scan a submission left by an earlier run: its finished rows, and where a torn last row starts.

    A missing, 0-byte or header-only file (or a header cut mid-write) counts as empty. Only the last row can be
    torn by a kill; any other damage, repeated ids or a foreign header is a ValueError (nothing is overwritten).
    """
    if not output.exists():
        return Resume()
    data = output.read_bytes()
    header_bytes = _format_row(SUBMISSION_HEADER)
    offset = 3 if data.startswith(BOM.encode("utf-8")) else 0
    if header_bytes.startswith(data[offset:]):
        return Resume()  # empty, or killed while writing the header
    ends: list[int] = []  # byte offset after each record, filled as the reader pulls lines

    def lines() -> Iterator[str]:
        position = offset
        for raw in data[offset:].splitlines(keepends=True):  # bytes split on \r, \n, \r\n only, as csv does
            position += len(raw)
            ends.append(position)
            yield raw.decode("utf-8")  # a character cut in two raises here: the record is torn

    records: list[tuple[int, int, list[str]]] = []  # (start byte, line, fields)
    start = offset
    try:
        for line, fields in _records(lines(), output):
            records.append((start, line, fields))
            start = ends[-1]
    except ValueError as error:  # UnicodeDecodeError included
        if ends and ends[-1] < len(data):  # unreadable with bytes after it: damage, not a torn last write
            raise ValueError(f"{output}: {error}; move the file away or pass --overwrite") from None
        records.append((start, -1, []))  # a record cut off by the end of the file: the torn last row
    if not records or tuple(records[0][2]) != SUBMISSION_HEADER:
        raise ValueError(f"{output} exists and is not an id,svg submission; move it away or pass --overwrite")
    resume = Resume(keep_bytes=len(data), needs_newline=not data.endswith((b"\n", b"\r")))
    for index, (start, line, fields) in enumerate(records[1:], start=1):
        complete = len(fields) == 2 and _is_complete(fields[1])
        if not complete and index == len(records) - 1:
            resume.keep_bytes, resume.torn_id = start, (fields[0] if fields else "?")
            resume.needs_newline = False  # the kept part ends where the torn row began, after a terminator
            break
        if not complete:
            raise ValueError(f"{output}: line {line}: not a finished id,svg row; move the file away or pass "
                             "--overwrite")
        if fields[0] in resume.done:
            raise ValueError(f"{output}: line {line}: id {fields[0][:40]!r} is written twice")
        resume.done[fields[0]] = fields[1]
    return resume


class SubmissionWriter:
    """Appends rows to a submission; each row reaches the OS in one write, the file is fsynced on close."""

    def __init__(self, output: Path, resume: Resume):
        output.parent.mkdir(parents=True, exist_ok=True)
        created = not output.exists()
        self._fd = os.open(output, os.O_WRONLY | os.O_CREAT, 0o644)
        os.ftruncate(self._fd, resume.keep_bytes)  # drops a torn last row (or a torn header)
        os.lseek(self._fd, 0, os.SEEK_END)
        if resume.keep_bytes == 0:
            self._write(_format_row(SUBMISSION_HEADER))
        elif resume.needs_newline:
            self._write(b"\r\n")  # killed after a row's last byte but before its terminator: close the row first
        if created:
            _fsync_directory(output.parent)  # so the new file's name survives a power cut too

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:  # os.write may write less than asked (rare for regular files, but allowed)
            view = view[os.write(self._fd, view):]

    def write_row(self, row_id: str, svg: str) -> None:
        """Append one finished row; when this returns, a kill of the process cannot lose it."""
        self._write(_format_row((row_id, svg)))

    def close(self) -> None:
        """Flush the rows to the disk itself and close the file."""
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> SubmissionWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _fsync_directory(directory: Path) -> None:
    """fsync a directory entry where the platform allows it (not on Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on directories; the data itself is already synced
    finally:
        os.close(fd)


def run_submission(descriptions: str | os.PathLike, output: str | os.PathLike, make_model: Callable[[], object],
                   *, overwrite: bool = False, quiet: bool = False, gallery: str | None = None) -> int:
    """Draw every description of a CSV into a submission CSV, resuming an interrupted run; exit status 0.

    `make_model` is called only once the input has been read and checked, so a bad CSV fails before a slow load.
    """
    from tqdm import tqdm

    rows = read_descriptions(descriptions)
    output = Path(output)
    if overwrite and output.exists():
        output.unlink()
    resume = read_resume(output)
    unknown = sorted(set(resume.done) - {row["id"] for row in rows})
    if unknown:
        raise ValueError(f"{output} holds ids that are not in {descriptions} (e.g. {unknown[0][:40]!r}); "
                         "move it away or pass --overwrite")
    if resume.torn_id is not None:
        print(f"{output}: the last row ({resume.torn_id[:40]!r}) was cut mid-write; drawing it again",
              file=sys.stderr)
    model = make_model()
    gallery_rows, choices = [], []  # choices: best-of-N outcomes, for the summary line
    with SubmissionWriter(output, resume) as writer:
        for row in tqdm(rows, desc="drawing", unit="svg", disable=quiet):
            if row["id"] in resume.done:
                gallery_rows.append({**row, "svg": resume.done[row["id"]], "backend": "resumed", "ms": None})
                continue
            result = model.predict_with_info(row["description"])
            writer.write_row(row["id"], result.svg)
            if result.choice is not None:
                choices.append(result.choice)
            gallery_rows.append({**row, "svg": result.svg, "backend": result.backend, "ms": result.seconds * 1000})
    _print_summary(output, rows, resume, gallery_rows, choices)
    if gallery:
        from .gallery import write_gallery

        print(f"gallery: {write_gallery(gallery_rows, gallery)}", file=sys.stderr)
    return 0


def _print_summary(output: Path, rows: list, resume: Resume, gallery_rows: list, choices: list) -> None:
    """The closing lines on stderr: rows written, time per description, what best-of-N changed."""
    timed = [r["ms"] for r in gallery_rows if r["ms"] is not None]
    print(f"wrote {len(rows)} rows to {output} ({len(resume.done)} resumed); "
          f"mean {sum(timed) / max(len(timed), 1):.0f} ms per description", file=sys.stderr)
    if choices:
        considered = sum(len(choice.backends) for choice in choices) / len(choices)
        changed = sum(choice.index != 0 for choice in choices)
        print(f"best-of-N: {considered:.1f} candidates per description on average; the scorer kept another than "
              f"the first in {changed}/{len(choices)}", file=sys.stderr)
