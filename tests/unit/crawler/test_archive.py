"""The WARC archive files: rotation by size, retention, and reading past torn or damaged records."""

from __future__ import annotations

import os
import time
from pathlib import Path

from pmi_aggregator.crawler.archive import (
    ArchiveWriter,
    ReadCounts,
    archive_files,
    prune,
    read_one,
    read_records,
)


def _fill(folder: Path, n: int, *, max_bytes: int = 10**9) -> list[str]:
    writer = ArchiveWriter(folder, "site", max_bytes=max_bytes)
    urls = [f"https://example.org/berita/{i}" for i in range(n)]
    for i, url in enumerate(urls):
        body = f"<html><body><p>Berita {i}</p>{os.urandom(600).hex()}</body></html>".encode()
        writer.write(
            url,
            200,
            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            body,
            callback="parse_article",
        )
    writer.close()
    return urls


def test_records_read_back_with_headers_and_callback(tmp_path: Path):
    urls = _fill(tmp_path, 3)
    counts = ReadCounts()
    records = list(read_records(archive_files(tmp_path), counts))
    assert [r.url for r in records] == urls
    assert counts.records == 3 and counts.damaged == 0
    first = records[0]
    assert first.status == 200 and first.callback == "parse_article" and first.source == "site"
    assert ("Content-Type", "text/html") in first.headers
    assert not any(k.lower() == "content-encoding" for k, _ in first.headers)  # stored decoded
    again = read_one(first.path, first.offset)
    assert again is not None and again.body == first.body


def test_files_rotate_past_their_size(tmp_path: Path):
    _fill(tmp_path, 6, max_bytes=2000)
    assert len(archive_files(tmp_path)) >= 3
    assert len(list(read_records(archive_files(tmp_path), ReadCounts()))) == 6


def test_a_flipped_byte_costs_one_record_and_reading_resumes_after_it(tmp_path: Path):
    urls = _fill(tmp_path, 5)
    (path,) = archive_files(tmp_path)
    records = list(read_records([path], ReadCounts()))
    data = bytearray(path.read_bytes())
    middle = records[2].offset + 40  # inside the third record's compressed bytes
    data[middle] ^= 0xFF
    path.write_bytes(bytes(data))
    counts = ReadCounts()
    survivors = [r.url for r in read_records([path], counts)]
    assert counts.damaged == 1
    assert survivors == urls[:2] + urls[3:]


def test_garbage_and_a_torn_tail_are_counted_never_raised(tmp_path: Path):
    urls = _fill(tmp_path, 2)
    (path,) = archive_files(tmp_path)
    with open(path, "ab") as fh:
        fh.write(b"\x1f\x8b\x08 not really gzip")
    counts = ReadCounts()
    assert [r.url for r in read_records([path], counts)] == urls
    assert counts.damaged == 1
    (tmp_path / "site" / "empty.warc.gz").write_bytes(b"")
    assert len(list(read_records(archive_files(tmp_path), ReadCounts()))) == 2


def test_retention_removes_only_old_files(tmp_path: Path):
    _fill(tmp_path, 2, max_bytes=1000)
    old, new = archive_files(tmp_path)
    past = time.time() - 40 * 86_400
    os.utime(old, (past, past))
    assert prune(tmp_path, retention_days=30) == 1
    assert archive_files(tmp_path) == [new]
    assert prune(tmp_path, retention_days=0) == 0
