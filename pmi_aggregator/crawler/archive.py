"""The raw page archive: every fetched response of a crawl, in compressed WARC files (warcio).

One folder per source under the archive folder (``index.location.archive_dir_for``), files named by
their start time and rotated by size. Each record is its own gzip member, flushed as it is written,
so a crawl killed mid-write leaves at most one torn record at the end of one file. Readers check
every record's payload digest and the file's length, skip what is torn or damaged (counted), and
resume at the next intact gzip member: a damaged archive is never fatal.

warcio writes and reads the format that pywb and the Internet Archive's tools read; we only add
``PMI-Source``, ``PMI-Callback`` and ``PMI-Callback-Arguments`` headers (what the crawl did with the
response, for a replay).
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

log = logging.getLogger(__name__)

SUFFIX = ".warc.gz"
_GZIP_MAGIC = b"\x1f\x8b\x08"
_HOP_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
"""Dropped from the stored headers: the payload is stored decoded, as the crawl read it."""


def _folder_name(source: str) -> str:
    """A file-system-safe folder for a source key (keys are plain words; anything else is escaped)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", source) or "_"


def source_dir(archive_dir: Path, source: str) -> Path:
    return archive_dir / _folder_name(source)


class ArchiveWriter:
    """Appends response records for one source, starting a new file past ``max_bytes``."""

    def __init__(self, archive_dir: Path, source: str, *, max_bytes: int) -> None:
        self.folder = source_dir(archive_dir, source)
        self.source = source
        self.max_bytes = max_bytes
        self._file: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._serial = 0
        self.records = 0

    def write(
        self,
        url: str,
        status: int,
        headers: Iterable[tuple[str, str]],
        body: bytes,
        *,
        callback: str | None = None,
        arguments: str | None = None,
    ) -> None:
        """One response record (raises OSError on a full or read-only disk: the caller counts it)."""
        writer, fh = self._current()
        kept = [(k, v) for k, v in headers if k.lower() not in _HOP_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        _write_response(writer, url, status, kept, body, {"PMI-Source": self.source}, callback, arguments)
        fh.flush()
        self.records += 1
        if fh.tell() >= self.max_bytes:
            self.close()

    def _current(self) -> tuple[WARCWriter, BinaryIO]:
        if self._file is None or self._writer is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            self._serial += 1
            path = self.folder / f"{stamp}-{os.getpid()}-{self._serial:04d}{SUFFIX}"
            self._file = open(path, "ab")  # noqa: SIM115 (kept open across records, closed by close())
            self._writer = WARCWriter(self._file, gzip=True)
        return self._writer, self._file

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = None
        self._writer = None


_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 404: "Not Found"}


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    source: str
    callback: str | None
    arguments: str | None
    captured_at: datetime
    path: Path
    offset: int


@dataclass
class ReadCounts:
    """What a read of the archive met: intact records, and torn or damaged ones that were skipped."""

    records: int = 0
    damaged: int = 0
    damaged_files: set[Path] = field(default_factory=set)

    def note_damage(self, path: Path, detail: str) -> None:
        self.damaged += 1
        if path not in self.damaged_files:
            log.warning("archive: skipped a torn or damaged record in %s (%s)", path, detail)
        self.damaged_files.add(path)


def archive_files(archive_dir: Path, sources: Iterable[str] | None = None) -> list[Path]:
    """The archive's files, oldest first (names start with their UTC start time)."""
    if not archive_dir.is_dir():
        return []
    folders = (
        [source_dir(archive_dir, s) for s in sources]
        if sources is not None
        else [p for p in archive_dir.iterdir() if p.is_dir()]
    )
    files = [f for folder in folders if folder.is_dir() for f in folder.glob(f"*{SUFFIX}")]
    return sorted(files, key=lambda f: (f.name, str(f)))


def read_records(
    files: Iterable[Path], counts: ReadCounts, *, since: datetime | None = None
) -> Iterator[ArchivedResponse]:
    """Every intact response record of ``files`` in order, captured at or after ``since``."""
    for path in files:
        if since is not None and path.stat().st_mtime < since.timestamp():
            continue  # the file was last written before the window: nothing in it is newer
        yield from _read_file(path, counts, since)


def read_one(path: Path, offset: int) -> ArchivedResponse | None:
    """The record at ``offset`` of ``path``, or None when it is torn or damaged."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in _records(fh, path, ReadCounts(), start=offset, since=None, single=True):
            return record
    return None


def _read_file(path: Path, counts: ReadCounts, since: datetime | None) -> Iterator[ArchivedResponse]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below, after the generator is drained)
    except OSError as exc:
        counts.note_damage(path, str(exc))
        return
    with fh:
        yield from _records(fh, path, counts, start=0, since=since, single=False)


def _records(
    fh: BinaryIO, path: Path, counts: ReadCounts, *, start: int, since: datetime | None, single: bool
) -> Iterator[ArchivedResponse]:
    size = os.fstat(fh.fileno()).st_size
    position = start
    while position < size:
        fh.seek(position)
        end, damaged = position, ""
        try:
            iterator = ArchiveIterator(fh)
            for record in iterator:
                parsed = _parse(record, path)  # the payload first: warcio's offsets read past it
                offset = position + iterator.get_record_offset()
                end = offset + iterator.get_record_length()
                if parsed is None:
                    counts.note_damage(path, f"digest mismatch at byte {offset}")
                    damaged = "digest"
                    break
                if record.rec_type == "response":
                    counts.records += 1
                    if since is None or parsed.captured_at >= since:
                        yield replace(parsed, offset=offset)
                    if single:
                        return
        except Exception as exc:  # warcio and zlib raise many kinds on torn data
            counts.note_damage(path, f"{type(exc).__name__} after byte {end}")
            damaged = "unreadable"
        if end >= size or single:
            return
        if damaged == "digest":  # a whole record with a wrong digest: the next one starts at its end
            position = end
            continue
        if not damaged:  # the iterator stopped short of the end: what is left is not a record
            counts.note_damage(path, f"{size - end} bytes of a torn record at byte {end}")
        position = _next_member(fh, end + 1, size)  # past the member that does not parse


def _next_member(fh: BinaryIO, after: int, size: int) -> int:
    """The offset of the next gzip member at or after ``after`` (the file's size when there is none)."""
    chunk = 1 << 16
    position = after
    while position < size:
        fh.seek(position)
        data = fh.read(chunk + len(_GZIP_MAGIC))
        found = data.find(_GZIP_MAGIC)
        if found >= 0:
            return position + found
        position += chunk
    return size


def _parse(record: object, path: Path) -> ArchivedResponse | None:
    headers = record.rec_headers  # type: ignore[attr-defined]
    payload = record.raw_stream.read()  # type: ignore[attr-defined]
    declared = headers.get_header("WARC-Payload-Digest")
    if declared and declared != _sha1(payload):
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    status = int(http.get_statuscode() or 0) if http is not None else 0
    when = headers.get_header("WARC-Date") or ""
    try:
        captured = datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        captured = datetime.fromtimestamp(0, timezone.utc)
    return ArchivedResponse(
        url=headers.get_header("WARC-Target-URI") or "",
        status=status,
        headers=list(http.headers) if http is not None else [],
        body=payload,
        source=headers.get_header("PMI-Source") or "",
        callback=headers.get_header("PMI-Callback"),
        arguments=headers.get_header("PMI-Callback-Arguments"),
        captured_at=captured,
        path=path,
        offset=-1,
    )


def _sha1(payload: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")


def prune(archive_dir: Path, *, retention_days: float, now: float | None = None) -> int:
    """Delete archive files last written more than ``retention_days`` ago (0: keep forever)."""
    if retention_days <= 0:
        return 0
    cutoff = (time.time() if now is None else now) - retention_days * 86_400
    removed = 0
    for path in archive_files(archive_dir):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError as exc:
            log.warning("archive: could not remove %s: %s", path, exc)
    return removed


def export(
    files: Iterable[Path], out: IO[bytes], counts: ReadCounts, *, since: datetime | None = None
) -> int:
    """Copy every intact response record into ``out`` as one WARC file (torn ones are left out)."""
    writer = WARCWriter(out, gzip=True)
    written = 0
    for item in read_records(files, counts, since=since):
        extra = {"PMI-Source": item.source, "WARC-Date": item.captured_at.strftime("%Y-%m-%dT%H:%M:%SZ")}
        _write_response(
            writer, item.url, item.status, item.headers, item.body, extra, item.callback, item.arguments
        )
        written += 1
    return written


def _write_response(
    writer: WARCWriter,
    url: str,
    status: int,
    headers: list[tuple[str, str]],
    body: bytes,
    extra: dict[str, str],
    callback: str | None,
    arguments: str | None,
) -> None:
    """One response record, with our headers (``PMI-Source`` and, for a replay, the callback)."""
    if callback:
        extra["PMI-Callback"] = callback
    if arguments:
        extra["PMI-Callback-Arguments"] = arguments
    http = StatusAndHeaders(f"{status} {_REASONS.get(status, 'Status')}", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=extra
    )
    writer.write_record(record)
