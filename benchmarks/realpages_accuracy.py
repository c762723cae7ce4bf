"""Per-site accuracy of the generic extractor (no source rules) on the real saved pages.

    python benchmarks/realpages_accuracy.py [REALPAGES_DIR]     # default: ../shared/realpages

Measures as in tests/test_realpages.py: title equal after whitespace normalization; date the same
instant (within the minute when the expected value came from a minute-precision byline); body
similarity = difflib SequenceMatcher ratio (autojunk off) of the whitespace-normalized texts, against
the expected text as published (no corrections for known errors in the expected files).
"""

from __future__ import annotations

import difflib
import json
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from pmi_aggregator.extract.page import extract_article

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "realpages"


def _normalize(text: str) -> str:
    return " ".join(text.split())


def _same_instant(got: datetime | None, want: datetime) -> bool:
    if got is None:
        return False
    return got == want or (want.second == 0 and got.replace(second=0, microsecond=0) == want)


def measure(folder: Path) -> dict[str, dict[str, list[float]]]:
    """site -> {"title": [0/1...], "date": [0/1...], "body": [ratio...]}."""
    sites: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for expected_file in sorted(folder.glob("*/*.expected.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        if "title" not in expected:
            continue
        page = expected_file.with_name(expected_file.name.removesuffix(".expected.json"))
        article = extract_article(page.read_bytes(), expected["url"])
        scores = sites[expected_file.parent.name]
        scores["title"].append(float(_normalize(article.title) == _normalize(expected["title"])))
        if "date_iso_utc" in expected:
            want = datetime.fromisoformat(expected["date_iso_utc"])
            scores["date"].append(float(_same_instant(article.published_at, want)))
        if "content" in expected:
            ratio = difflib.SequenceMatcher(
                None, _normalize(article.body), _normalize(expected["content"]), autojunk=False
            ).ratio()
            scores["body"].append(ratio)
    return sites


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "-"


def _pct(values: list[float]) -> str:
    return f"{100 * sum(values) / len(values):.0f}%" if values else "-"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_DIR
    if not folder.is_dir():
        print(f"no real pages at {folder}", file=sys.stderr)
        return 2
    sites = measure(folder)
    rows = [("site", "pages", "title exact", "date correct", "mean body sim")]
    for site, scores in sorted(sites.items()):
        rows.append(
            (
                site,
                str(len(scores["title"])),
                _pct(scores["title"]),
                _pct(scores["date"]),
                _mean(scores["body"]),
            )
        )
    every = {k: [v for s in sites.values() for v in s[k]] for k in ("title", "date", "body")}
    rows.append(
        ("all", str(len(every["title"])), _pct(every["title"]), _pct(every["date"]), _mean(every["body"]))
    )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
