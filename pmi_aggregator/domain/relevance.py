"""Is an article about Indonesian migrant workers (PMI)? A small, explainable keyword model.

General-news sources (``dedicated = false``) publish everything; only PMI-related articles are kept.
The model looks for *signals* in the title, summary and body:

- **Terms** that name the subject on their own: ``pekerja migran``, ``buruh migran``, ``TKI``/``TKW``,
  ``tenaga kerja Indonesia``, the agencies (``KP2MI``, ``BP2MI``, ``BP3MI``, ``KemenP2MI``,
  ``BNP2TKI``), ``P3MI`` (placement companies), ``CPMI`` (prospective migrant workers).
- **The acronym PMI** counts only when migration words (a destination country, ``luar negeri``,
  ``majikan``, ``KBRI``, ``penempatan``, ``dipulangkan`` …) outnumber the words of its two other
  meanings: the Red Cross (Palang Merah Indonesia: ``donor darah``, ``ambulans``, ``relawan PMI``,
  ``Jusuf Kalla``) and the Purchasing Managers' Index (``manufaktur``, ``S&P Global``,
  ``ekspansi``/``kontraksi``). A repatriated worker's body may travel by ambulance; a Red Cross
  story rarely mentions majikan, KBRI and penempatan.
- **Trafficking** (``TPPO``, ``perdagangan orang``) counts only with a migration context: domestic
  cases are a different beat.
- **Deportation** counts when Indonesians are deported from abroad (``WNI``, ``PMI`` or a destination
  country). Foreigners deported *from* Indonesia (``WNA``, ``warga negara asing``) do not count: that
  is immigration enforcement at home, not migrant-worker news; nor do pilgrims deported for a wrong
  visa (hajj words outnumber work words).
- **Indonesians at work abroad**, named without any migrant-worker term: crews of fishing vessels
  (``ABK``), maids and domestic helpers, victims of online-scam compounds, careworkers, when the
  article speaks of Indonesians (``WNI``, ``Indonesian``, ``perawat Indonesia``) and not of foreigners.
- Two more senses of **PMI** vote against the migrant one: Philip Morris International (tobacco,
  Sampoerna) and the Project Management Institute. Beside foreign workers in Indonesia (``TKA``, the
  Morowali smelters), ``TKI`` means the local workforce and is not a signal unless the article has
  migration words.

Scoring: each signal found in the title or summary weighs 2, in the body 1 (at most 3 hits per
signal and field); once there is a signal, each migration word adds 0.25 (at most 1). An article is
relevant at a score of 2: one signal in the headline or lead is enough, one in a body full of
migration words too (a feature story), a passing mention deep in an unrelated story is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pmi_aggregator.domain.gazetteer import countries

THRESHOLD = 2.0
_LEAD_WEIGHT = 2.0
_BODY_WEIGHT = 1.0
_MAX_HITS = 3
_CONTEXT_WEIGHT = 0.25
_MAX_CONTEXT = 1.0


def _words(*patterns: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", flags)


# Signals that name the subject on their own.
_TERMS: dict[str, re.Pattern[str]] = {
    "pekerja migran": _words(r"pekerja\s+migran", r"buruh\s+migran", r"migrant\s+workers?"),
    "TKI/TKW": _words(r"TKI", r"TKW", r"tenaga\s+kerja\s+(?:(?:asal|dari)\s+)?(?:Indonesia|wanita)"),
    "KP2MI/BP2MI": _words(
        r"KP2MI",
        r"BP2MI",
        r"BP3MI",
        r"(?:Kemen|Kementerian\s+)P2MI",
        r"BNP2TKI",
        r"UPT\s*BP2MI",
        r"Kementerian\s+Pelindungan\s+Pekerja\s+Migran",
    ),
    "P3MI/CPMI": _words(r"P3MI", r"CPMI", r"PPTKIS", r"PJTKI"),
}
_PMI = re.compile(r"\bPMI\b")
_MIGRATION = _words(
    r"migran",
    r"luar\s+negeri",
    r"majikan\w*",
    r"penempatan",
    r"KBRI",
    r"KJRI",
    r"KDEI",
    r"paspor\w*",
    r"visa\s+kerja",
    r"(?:di)?pulangkan",
    r"pemulangan",
    r"repatriasi",
    r"overstay",
    r"nonprosedural",
    r"non-prosedural",
    r"unprosedural",
    r"agensi\w*",
    r"penyalur\w*",
    r"calo",
    r"sponsor",
    r"(?:pe|di)?rekrut\w*",
    r"remitansi",
    r"negara\s+(?:tujuan|penempatan)",
    r"diberangkatkan",
    r"pemberangkatan",
    r"Timur\s+Tengah",
    r"anak\s+buah\s+kapal",
    r"ABK",
)
_RED_CROSS = _words(
    r"palang\s+merah",
    r"donor\s+darah",
    r"pendonor",
    r"stok\s+darah",
    r"kantong\s+darah",
    r"UDD",
    r"unit\s+donor",
    r"ambulans",
    r"relawan\s+PMI",
    r"markas\s+PMI",
    r"Jusuf\s+Kalla",
    r"JK",
    r"Ketua\s+Umum\s+PMI",
    r"Bulan\s+Sabit\s+Merah",
    r"Red\s+Cross",
    r"ICRC",
    r"IFRC",
    r"KSR",
    r"PMI\s+(?:Kabupaten|Kota|Provinsi|Pusat|Cabang)",
    r"bantuan\s+kemanusiaan",
)
_INDEX = _words(
    r"manufaktur",
    r"S&P\s+Global",
    r"IHS\s+Markit",
    r"purchasing\s+managers?",
    r"ekspansi\w*",
    r"kontraksi",
    r"kontraktif",
    r"level\s+50",
    r"angka\s+50",
    r"di\s+atas\s+50",
    r"di\s+bawah\s+50",
    r"Caixin",
    r"indeks\s+(?:PMI|manufaktur)",
)
_OTHER_PMI = _words(
    r"Philip\s+Morris",
    r"Sampoerna",
    r"rokok",
    r"tembakau",
    r"cigarettes?",
    r"tobacco",
    r"IQOS",
    r"Project\s+Management\s+Institute",
    r"manajemen\s+proyek",
    r"project\s+management",
    r"PMP",
)
"""The third and fourth PMIs: Philip Morris International and the Project Management Institute."""
_FOREIGN_WORKERS = _words(r"TKA", r"tenaga\s+kerja\s+asing", r"pekerja\s+asing", r"foreign\s+workers?")
"""Foreign workers in Indonesia (Morowali's smelters): there "TKI" means the local workforce."""
_ABROAD = _words(
    r"luar\s+negeri",
    r"negara\s+(?:tujuan|penempatan)",
    r"KBRI",
    r"KJRI",
    r"KDEI",
    r"majikan\w*",
    r"abroad",
    r"overseas",
)
_HAJJ = _words(
    r"haji", r"berhaji", r"jemaah", r"jamaah", r"umrah", r"umroh", r"furoda", r"hajj", r"pilgrims?"
)
_AT_WORK = _words(r"bekerja", r"pekerja\w*", r"majikan\w*", r"gaji", r"kerja", r"workers?", r"employers?")
_INDONESIANS = _words(
    r"WNI",
    r"warga\s+(?:negara\s+)?Indonesia",
    r"orang\s+Indonesia",
    r"Indonesians?",
    r"(?:asal|dari)\s+Indonesia",
    r"(?:perawat|tenaga\s+kerja|nelayan|awak|pelaut|buruh)\s+(?:asal\s+|dari\s+)?Indonesia",
)
_WORK_ABROAD = _words(
    r"ABK",
    r"anak\s+buah\s+kapal",
    r"awak\s+kapal",
    r"kapal\s+(?:ikan|penangkap\s+ikan)",
    r"fishing\s+(?:vessels?|boats?)",
    r"maids?",
    r"domestic\s+(?:helpers?|workers?)",
    r"PRT",
    r"pekerja\s+rumah\s+tangga",
    r"asisten\s+rumah\s+tangga",
    r"online\s+scam",
    r"penipuan\s+(?:daring|online)",
    r"scam\s+compounds?",
    r"sentra\s+penipuan",
    r"careworkers?",
    r"caregivers?",
    r"bekerja\s+di\s+luar\s+negeri",
    r"kerja\s+di\s+luar\s+negeri",
    r"dipekerjakan",
)
"""Work that Indonesians do abroad, named without a migrant-worker term (crews, maids, scam victims)."""
_NEVER = re.compile(r"(?!)")
_TRAFFICKING = _words(r"TPPO", r"perdagangan\s+orang", r"human\s+trafficking", r"trafficking")
_DEPORT = _words(r"deportasi", r"dideportasi", r"mendeportasi", r"deportan", r"dipulangkan\s+paksa")
_NATIONALS = _words(r"WNI", r"warga\s+negara\s+Indonesia", r"PMI", r"TKI")
_FOREIGNERS = _words(r"WNA", r"warga\s+negara\s+asing", r"warga\s+asing", r"orang\s+asing", r"turis\s+asing")


@dataclass(frozen=True)
class Relevance:
    """The decision, its score and the signals behind it (for logs and tuning)."""

    relevant: bool
    score: float
    signals: tuple[str, ...]


def _hits(pattern: re.Pattern[str], text: str) -> int:
    return min(len(pattern.findall(text)), _MAX_HITS)


def _migration_words(whole: str) -> int:
    """Migration words, and every foreign country, city or region of one that the text names."""
    abroad = sum(m.key != "ID" for m in countries().finditer(whole))
    return len(_MIGRATION.findall(whole)) + abroad


def _contextual(whole: str, migration: int) -> dict[str, re.Pattern[str]]:
    """Signals that count only in this article's context (decided over all of its text, which has
    ``migration`` migration words)."""
    signals: dict[str, re.Pattern[str]] = {}
    # Red Cross, economics and tobacco stories may mention a country or an ambulance too: the majority
    # decides.
    other_senses = (
        len(_RED_CROSS.findall(whole)) + len(_INDEX.findall(whole)) + len(_OTHER_PMI.findall(whole))
    )
    if migration > other_senses:
        signals["PMI (migrant worker)"] = _PMI
    if migration:
        signals["TPPO + migration"] = _TRAFFICKING
    pilgrims = len(_HAJJ.findall(whole)) > len(_AT_WORK.findall(whole))  # deported pilgrims are not workers
    if not pilgrims and (_NATIONALS.search(whole) or (migration and not _FOREIGNERS.search(whole))):
        signals["deportation of Indonesians"] = _DEPORT
    if _INDONESIANS.search(whole) and not _FOREIGNERS.search(whole):
        signals["Indonesians at work abroad"] = _WORK_ABROAD
    if _FOREIGN_WORKERS.search(whole) and not _ABROAD.search(whole):
        signals["TKI/TKW"] = _NEVER  # local workers beside foreign ones, not migrant workers
    return signals


def assess(title: str = "", summary: str = "", body: str = "") -> Relevance:
    """Score one article's text; see the module docstring for the rules."""
    lead, body = f"{title}\n{summary}", body or ""
    whole = f"{lead}\n{body}"
    migration = _migration_words(whole)  # one pass of the gazetteer over the text, used twice
    signals = {**_TERMS, **_contextual(whole, migration)}
    score, found = 0.0, []
    for name, pattern in signals.items():
        weight = _LEAD_WEIGHT * _hits(pattern, lead) + _BODY_WEIGHT * _hits(pattern, body)
        if weight:
            score += weight
            found.append(name)
    if score:
        score += min(_MAX_CONTEXT, _CONTEXT_WEIGHT * migration)
    return Relevance(score >= THRESHOLD, score, tuple(found))


def is_pmi_related(title: str = "", summary: str = "", body: str = "") -> bool:
    return assess(title, summary, body).relevant


def relevant_share(titles: Iterable[tuple[str, str]]) -> float:
    """Share of listing items (title, summary) that are PMI-related; 1.0 for an empty listing."""
    items = list(titles)
    if not items:
        return 1.0
    return sum(is_pmi_related(title, summary) for title, summary in items) / len(items)
