"""Who acts: agencies, missions, ministries, police and immigration units, NGOs, international bodies
and companies, under one canonical name each.

Names are canonical as the domain writes them: ``KP2MI`` (the ministry since 2024), its former names
``BP2MI`` (2019-2024) and ``BNP2TKI`` (until 2019) kept apart, since the date of a story decides which
body acted; ``BP3MI <province>``; ``KBRI <city>`` and ``KJRI <city>``; ``Polda <province>``;
``Imigrasi <city>``; ``PT <name>`` for companies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmi_aggregator.domain.gazetteer import countries, provinces

_FIXED: tuple[tuple[str, str], ...] = (
    # agencies of migrant-worker protection, by their names of each period
    (
        r"KP2MI|Kemen\s*P2MI|Kementerian\s+P2MI|Kementerian\s+Pelindungan\s+Pekerja\s+Migran\s+Indonesia",
        "KP2MI",
    ),
    (r"BP2MI|Badan\s+Pelindungan\s+Pekerja\s+Migran\s+Indonesia", "BP2MI"),
    (
        r"BNP2TKI|Badan\s+Nasional\s+Penempatan\s+dan\s+Perlindungan\s+(?:TKI|Tenaga\s+Kerja\s+Indonesia)",
        "BNP2TKI",
    ),
    # ministries
    (
        r"Kemlu(?:\s+RI)?|Kemenlu(?:\s+RI)?|Kementerian\s+Luar\s+Negeri|Ministry\s+of\s+Foreign\s+Affairs|Foreign\s+Ministry",
        "Kemlu",
    ),
    (
        r"Kemnaker|Kemenaker|Kementerian\s+Ketenagakerjaan|Ministry\s+of\s+Manpower|Manpower\s+Ministry",
        "Kemnaker",
    ),
    (r"Kemnakertrans|Kemenakertrans|Kementerian\s+Tenaga\s+Kerja\s+dan\s+Transmigrasi", "Kemnakertrans"),
    (r"Kemensos|Kementerian\s+Sosial", "Kemensos"),
    (r"Kemenag|Kementerian\s+Agama", "Kemenag"),
    (r"Kemenkumham|Kementerian\s+Hukum\s+dan\s+(?:Hak\s+Asasi\s+Manusia|HAM)", "Kemenkumham"),
    (r"KKP|Kementerian\s+Kelautan\s+dan\s+Perikanan", "KKP"),
    (r"Kemendes\s+PDTT|Kementerian\s+Desa(?:,\s+|\s+)Pembangunan\s+Daerah\s+Tertinggal", "Kemendes PDTT"),
    (r"Kemenperin|Kementerian\s+Perindustrian", "Kemenperin"),
    (r"Kemenkes|Kementerian\s+Kesehatan", "Kemenkes"),
    # police and the armed forces
    (r"Bareskrim(?:\s+Polri)?|Badan\s+Reserse\s+Kriminal", "Bareskrim Polri"),
    (r"Mabes\s+Polri", "Polri"),
    (r"TNI\s+AL|TNI\s+Angkatan\s+Laut", "TNI AL"),
    # international bodies
    (r"ILO|International\s+Labou?r\s+Organi[sz]ation", "ILO"),
    (r"IOM|International\s+Organi[sz]ation\s+for\s+Migration", "IOM"),
    (r"UNODC", "UNODC"),
    (r"UNHCR", "UNHCR"),
    (r"IFRC", "IFRC"),
    (r"ICRC", "ICRC"),
    (r"Amnesty\s+International", "Amnesty International"),
    (r"Human\s+Rights\s+Watch", "Human Rights Watch"),
    # NGOs and unions
    (r"Migrant\s+CARE", "Migrant CARE"),
    (r"HRWG|Human\s+Rights\s+Working\s+Group", "HRWG"),
    (r"IMWU", "IMWU"),
    (r"JBM|Jaringan\s+Buruh\s+Migran", "JBM"),
    (r"Serikat\s+Buruh\s+Migran\s+Indonesia", "SBMI"),
    # the other PMIs and their neighbours
    (r"Palang\s+Merah\s+Indonesia", "Palang Merah Indonesia"),
    (r"S&P\s+Global", "S&P Global"),
    (r"Caixin", "Caixin"),
    (r"Philip\s+Morris\s+International", "Philip Morris International"),
    (r"(?:PT\s+)?HM\s+Sampoerna", "PT HM Sampoerna"),
    (r"Project\s+Management\s+Institute", "Project Management Institute"),
    # services the workers deal with
    (r"PJTKI", "PJTKI"),
    (r"P3MI", "P3MI"),
    (r"BPJS\s+Kesehatan", "BPJS Kesehatan"),
    (r"BPJS\s+Ketenagakerjaan|BPJamsostek", "BPJS Ketenagakerjaan"),
    (r"(?:PT\s+)?Pos\s+Indonesia|Kantor\s+Pos", "Pos Indonesia"),
    (r"Western\s+Union", "Western Union"),
    (r"Baznas|Badan\s+Amil\s+Zakat\s+Nasional", "Baznas"),
    (r"National\s+Immigration\s+Agency|NIA", "NIA Taiwan"),
    (r"Ditjen\s+Imigrasi|Direktorat\s+Jenderal\s+Imigrasi", "Ditjen Imigrasi"),
)
_FIXED_RE = [(re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])"), name) for pattern, name in _FIXED]
_PLACE = r"((?:Kabupaten\s+|Kota\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
"""Up to three capitalised words after a body's name; ``_place`` keeps the ones that name a place."""
_NOT_PLACES = frozenset(
    {
        "Dan",
        "Di",
        "Yang",
        "Untuk",
        "Pada",
        "Dari",
        "Ke",
        "Dalam",
        "Serta",
        "The",
        "And",
        "Kelas",
        "Khusus",
        "TPI",
        "Non",
        "Deportasi",
        "Nasional",
        "Negeri",
        "Dua",
        "IMI",
        "RI",
        "Republik",
        "Indonesia",
        "Pusat",
        "Bandara",
        "Tugas",
        "Kabupaten",
        "Kota",
        "Setempat",
        "Fasilitasi",
    }
)
_PLACED = (
    # a body and the place it serves: "KBRI Kuala Lumpur", "BP3MI Jawa Barat", "Polda Kepri"
    (re.compile(rf"\bKBRI\s+(?:di\s+)?{_PLACE}"), "KBRI"),
    (re.compile(rf"\bKJRI\s+(?:di\s+)?{_PLACE}"), "KJRI"),
    (re.compile(rf"\bKDEI\s+(?:di\s+)?{_PLACE}"), "KDEI"),
    (
        re.compile(rf"\bKonsulat\s+(?:Jenderal\s+)?(?:RI|Republik\s+Indonesia)\s+(?:di\s+)?{_PLACE}"),
        "Konsulat RI",
    ),
    (re.compile(rf"\bUPT\s+BP2MI\s+{_PLACE}"), "UPT BP2MI"),
    (re.compile(rf"\bBP3MI\s+{_PLACE}"), "BP3MI"),
    (re.compile(rf"\bBP3TKI\s+{_PLACE}"), "BP3TKI"),
    (re.compile(rf"\bP4MI\s+{_PLACE}"), "P4MI"),
    (re.compile(rf"\bPolda\s+{_PLACE}"), "Polda"),
    (re.compile(rf"\bPolres(?:ta)?\s+{_PLACE}"), "Polres"),
    (re.compile(rf"\bPolsek\s+{_PLACE}"), "Polsek"),
    (re.compile(rf"\bPoltabes\s+{_PLACE}"), "Poltabes"),
    (re.compile(rf"\bDisnaker(?:trans)?\s+{_PLACE}"), "Disnaker"),
    (re.compile(rf"\bDinas\s+Sosial\s+{_PLACE}"), "Dinas Sosial"),
    (
        re.compile(
            rf"\b(?:Kantor\s+)?Imigrasi\s+(?:Kelas\s+I{{1,3}}\s+)?(?:Khusus\s+)?(?:Non\s+)?(?:TPI\s+)?{_PLACE}"
        ),
        "Imigrasi",
    ),
    (re.compile(rf"\bRudenim\s+{_PLACE}"), "Rudenim"),
    (re.compile(rf"\bSBMI\s+{_PLACE}"), "SBMI"),
    (re.compile(rf"\bSolidaritas\s+Perempuan\s+{_PLACE}"), "Solidaritas Perempuan"),
)
_COMPANY = re.compile(r"\bPT\.?\s+((?:[A-Z][\w&]*\.?\s?){1,5})")
_COMPANY_STOP = re.compile(r"\s+(?:yang|dan|di|ke|untuk|sebagai|selaku|milik|asal|dengan)\b.*$")
_LONE_AGENCY = re.compile(r"(?<![\w-])(?:SBMI|Polri)(?![\w-])")
_MIN_COMPANY_CHARS = 4
"""Shorter names are initials ("PT A", "PT AM"): a court report's anonymised company, not a name."""


def organizations_of(text: str) -> list[str]:
    """Canonical names of the organisations the text names, in order of first mention."""
    found: dict[str, int] = {}
    for position, name in _mentions(text):
        found.setdefault(name, position)
    return sorted(found, key=found.__getitem__)


def _mentions(text: str) -> Iterator[tuple[int, str]]:
    spans: list[tuple[int, int]] = []
    for pattern, name in _FIXED_RE:
        for match in pattern.finditer(text):
            spans.append(match.span())
            yield match.start(), name
    for pattern, body in _PLACED:
        for match in pattern.finditer(text):
            place = _place(match.group(1))
            if place:
                spans.append(match.span())
                yield match.start(), f"{body} {place}"
    for match in _LONE_AGENCY.finditer(text):
        if not any(a <= match.start() < b for a, b in spans):
            yield match.start(), match.group(0)
    for match in _COMPANY.finditer(text):
        name = _COMPANY_STOP.sub("", " ".join(match.group(1).split())).rstrip(". ")
        if len(name) >= _MIN_COMPANY_CHARS and name.split()[0] not in _NOT_PLACES:
            yield match.start(), f"PT {name}"


def _place(raw: str) -> str | None:
    """The place words of a body's name: a province by its canonical name ("Kepri" -> "Kepulauan
    Riau"), a known multi-word place ("Kuala Lumpur", "Kota Kinabalu"), else the first word."""
    words = raw.split()
    prefix = []
    while words and words[0] in ("Kabupaten", "Kota") and len(words) > 1:
        prefix.append(words.pop(0))
    if not words or words[0] in _NOT_PLACES:
        return None
    rest = " ".join(words)
    province = next(provinces().finditer(rest), None)
    if province is not None and province.start == 0:
        return " ".join([*prefix, province.key]) if prefix else province.key
    place = next(countries().finditer(rest), None)
    if place is not None and place.start == 0 and " " in place.text:
        return " ".join([*prefix, place.text])
    return " ".join([*prefix, words[0]])
