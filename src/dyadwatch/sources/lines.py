"""Read a data file as batches of numbered lines, whatever its packaging.

Plain, ``.zip`` (every member, in order) and ``.gz`` files are read in blocks of about
``batch_bytes`` and split into lines by Arrow, so memory stays flat however large the
file. Damaged UTF-8 (common in GDELT place names) is decoded with replacement characters
rather than failing; a file that is not UTF-8 at all can be read as Latin-1.
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import pyarrow as pa
import pyarrow.compute as pc

from dyadwatch.errors import FormatError, InputError

DEFAULT_BATCH_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class LineBatch:
    """Consecutive lines of one file: ``table`` has columns ``line_no`` (1-based) and ``line``."""

    table: pa.Table
    bytes_read: int


def _open_members(path: Path) -> Iterator[tuple[str, IO[bytes]]]:
    name = path.name.lower()
    if name.endswith(".zip"):
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise FormatError(f"not a readable zip archive ({exc}); the download may be truncated", path=path) from exc
        with zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if not members:
                raise FormatError("zip archive is empty", path=path)
            for m in members:
                with zf.open(m) as fh:
                    yield f"{path}!{m.filename}", fh
    elif name.endswith(".gz"):
        with gzip.open(path, "rb") as gz:
            yield str(path), cast(IO[bytes], gz)
    else:
        with open(path, "rb") as fh:
            yield str(path), fh


def read_head(path: str | Path, *, max_lines: int = 20, encoding: str = "utf-8") -> list[str]:
    """The first non-empty lines of a file (for format detection)."""
    p = Path(path)
    out: list[str] = []
    for _label, fh in _open_members(p):
        try:
            data = fh.read(256 * 1024)
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise FormatError(f"cannot read ({exc}); the file may be truncated", path=p) from exc
        text = data.decode(encoding, errors="replace")
        lines = text.split("\n")
        if len(data) == 256 * 1024:
            lines = lines[:-1]
        out.extend(ln.rstrip("\r") for ln in lines if ln.strip("\r"))
        break
    return out[:max_lines]


def is_utf8(path: str | Path, *, sample_bytes: int = 4 * 1024 * 1024) -> bool:
    """Whether the start of the file decodes as UTF-8 (a partial last character is allowed)."""
    for _label, fh in _open_members(Path(path)):
        data = fh.read(sample_bytes)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return exc.start >= len(data) - 3
        return True
    return True



def _split(text: str) -> pa.Array:
    arr = pc.split_pattern(pa.array([text], type=pa.large_string()), "\n")
    lines = arr.flatten()
    if pc.any(pc.ends_with(lines, "\r")).as_py():
        lines = pc.utf8_rtrim(lines, "\r")
    return lines.cast(pa.string())


def read_lines(
    path: str | Path,
    *,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    encoding: str = "utf-8",
    skip_lines: int = 0,
) -> Iterator[LineBatch]:
    """Yield the lines of ``path`` (all zip members in turn) in numbered batches.

    ``skip_lines`` leaves out that many lines at the start of each member (headers).
    A final line without a newline is kept; the empty string after a final newline is not.
    """
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", path=p)
    if p.is_dir():
        raise InputError("is a directory, not a file", path=p)
    line_no = 0
    for _label, fh in _open_members(p):
        carry = b""
        member_line = 0
        while True:
            try:
                block = fh.read(batch_bytes)
            except (zipfile.BadZipFile, EOFError, OSError, gzip.BadGzipFile) as exc:
                raise FormatError(f"cannot read past line {line_no} ({exc}); the file may be truncated or corrupt", path=p) from exc
            if not block:
                break
            data = carry + block
            cut = data.rfind(b"\n")
            if cut < 0:
                carry = data
                continue
            carry = data[cut + 1 :]
            lines = _split(data[:cut].decode(encoding, errors="replace"))
            yield from _emit(lines, line_no, member_line, skip_lines, len(block))
            line_no += len(lines)
            member_line += len(lines)
        if carry:
            lines = _split(carry.decode(encoding, errors="replace"))
            yield from _emit(lines, line_no, member_line, skip_lines, 0)
            line_no += len(lines)


def _emit(lines: pa.Array, line_no: int, member_line: int, skip: int, nbytes: int) -> Iterator[LineBatch]:
    numbers = pa.array(range(line_no + 1, line_no + 1 + len(lines)), type=pa.int64())
    table = pa.table({"line_no": numbers, "line": lines})
    if member_line < skip:
        table = table.slice(skip - member_line)
    if table.num_rows:
        yield LineBatch(table=table, bytes_read=nbytes)
