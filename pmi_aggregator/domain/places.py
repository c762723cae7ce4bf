"""Where the workers are and where they come from: countries of work and provinces of origin.

A country counts when the text places Indonesians there, or their work, job offer or ship: any named
country, city or region of it, except where the name only gives someone's nationality ("warga negara
Malaysia", "WN China", "a Malaysian employer" counts, "a Malaysian national" does not), names a bank
corridor or a list of nationalities. A province counts only as an origin: after "asal", "dari",
"warga", "from", "native of", or named right after a migrant-worker term ("PMI NTB").
"""

from __future__ import annotations

import itertools
import re

from pmi_aggregator.domain.gazetteer import Mention, countries, provinces

_WINDOW = 40
"""Characters before a name that decide how it is used."""
_NATIONALITY = re.compile(
    r"(?:warga\s+negara|kewarganegaraan|berkewarganegaraan|\bWN|nationals?\s+of|citizens?\s+of|"
    r"paspor|passport)\s*$",
    re.IGNORECASE,
)
_NATIONALITY_AFTER = re.compile(r"^\s*(?:nationals?|citizens?|passport)\b", re.IGNORECASE)
_LIST_OF_NATIONS = re.compile(r"^\s*(?:,|dan|and)\s*$", re.IGNORECASE)
_ORIGIN_CUE = re.compile(
    r"\basal\w*|\bberasal|\bdari|\bwarga|\bpenduduk|\bkelahiran|\bkampung\s+halaman\w*|"
    r"\bfrom|\bnative\s+of|\bhails?\s+from|\bhailing|\bresident\s+of|"
    r"\b(?:PMI|TKI|TKW|CPMI|CTKI|BMI|pekerja\s+migran|buruh\s+migran|migrant\s+workers?)\b",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(
    r"\b(?:di|ke|in|at|to|tiba|menuju|melalui|pelabuhan|jalan|jl|hotel|bandara|kantor|gedung)\b",
    re.IGNORECASE,
)
"""A place after one of these words is where something happens, not where the workers come from."""
_HOME_CUE = re.compile(r"asal\w*|kampung\s+halaman\w*", re.IGNORECASE)
_ANY_REGION = re.compile(
    r"\b(?:di|in)\s+(?:Indonesia|Tanah\s+Air)\b[,.]?(?:\s+(?:seperti|antara\s+lain|di\s+antaranya|yakni|yaitu|"
    r"including|such\s+as))?[,:]?",
    re.IGNORECASE,
)
"""\"berasal dari berbagai daerah di Indonesia, seperti …\": a list of origins follows."""
"""Cues whose own "di" still names the origin ("daerah asalnya di Kendal, Jawa Tengah")."""
_LIST_GAP = re.compile(
    r"\s*(?:\([\w\s]+\))?\s*(?:\(?\d+\s+orang\)?)?\s*[,;]?\s*(?:dan|and|serta|hingga|disusul|kemudian)?\s*",
    re.IGNORECASE,
)
"""Between two provinces of one list of origins: "Aceh, NTT", "NTB (17 orang), disusul Jawa Timur"."""
_ADDRESS = re.compile(r"[\w\s,.()/'’-]*")
"""What may stand between an origin cue and the province: a chain of villages, districts, regencies."""
_ADDRESS_WORDS = 14
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\"“]|[.!?]\s*$|\n")
_NOT_ORIGIN = re.compile(
    r"(?:\bPolda|\bPolres|\bPolresta|\bKejati|\bKejaksaan\s+Tinggi|\bPengadilan\s+Tinggi|\bBandara|"
    r"\bBP3MI|\bBP3TKI|\bUPT|\bLPMI|\bKanwil|\bRudenim|\bPelabuhan|\bdi|\bke|\bin|\bto|\bat|"
    # an organisation's provincial branch: "(BP3MI) Kepulauan Riau", "(PPI) Sulawesi Utara"
    r"\([A-Z0-9]{2,10}\))\s*$",
    re.IGNORECASE,
)
INDONESIA = "ID"


_NOT_A_PLACE_OF_WORK_BEFORE = re.compile(
    r"(?:\bdolar|\bdollars?|\bringgit|\byuan|\bperairan|\blaut|\bselat|\bwaters\s+(?:off|of)|"
    r"\bcoast\s+of|\bKBRI|\bKJRI|\bKDEI|\bKonsulat(?:\s+(?:Jenderal|RI))*|\bKedutaan(?:\s+Besar)?(?:\s+RI)?|"
    r"\bANTARA|\bnext\s+to|\bsetelah|\bselain|"
    # the route home or a transit, not a place of work
    r"\bmenuju|\bmelalui|\bvia|\btransit(?:\s+di)?|\botoritas|\bauthorities\s+(?:of|in)|\bperbatasan|"
    r"\bborder\s+(?:of|with)|\bbandara|\bairport|\bpenerbangan\s+dari|\bterbang\s+(?:\w+\s+){0,5}dari|"
    r"\bdibawa\s+ke|\bditerbangkan\s+dari|"
    # a comparison with Indonesia's own nationals
    r"\bIndonesia\s+(?:dan|and)(?:\s+the)?)"
    r"(?:\s+[A-Z][\w'-]*){0,3},?\s*$",
    re.IGNORECASE,
)
_NOT_A_PLACE_OF_WORK_AFTER = re.compile(
    r"^\s*(?:(?:the\s+)?(?:dan|and)\s+Indonesia\b|\d+\s+orang|\(ANTARA\)|\((?:AFP|Reuters|AP|Xinhua)\)|,?\s*\w*\s*\((?:ANTARA|AFP|Reuters)|"
    r"dollars?|\$)",
    re.IGNORECASE,
)


_WORKERS = re.compile(
    r"\b(?:PMI|TKI|TKW|BMI|CPMI|WNI|ABK|PRT|ART)\b|pekerja|buruh|tenaga\s+kerja|awak\s+kapal|korban|"
    r"asisten\s+rumah\s+tangga|perawat|careworker|caregiver|majikan|bekerja|dipekerjakan|lowongan|"
    r"dijanjikan|diberangkatkan|berangkat|dipulangkan|dideportasi|deportasi|jenazah|meninggal|tewas|"
    r"\bmaids?\b|helpers?\b|workers?\b|employers?\b|\bcrew|\bIndonesians?\b|\bwork(?:ed|ing|s)?\b|"
    r"\bjobs?\b|deport|repatriat|\bbody\b|\bdied\b|\bkilled\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n+")


def countries_of_work(text: str) -> list[str]:
    """ISO codes of the countries the text places the workers in, in order of first mention.

    A name counts when its sentence, or the one before, speaks of the workers (a worker, a job, a
    death, a deportation): a country named only where the text is about something else (trade, a
    missile treaty) does not.
    """
    found: dict[str, None] = {}
    bounds = _sentence_bounds(text)
    for mention in countries().finditer(text):
        if mention.key in found or mention.key == INDONESIA or _not_a_place_of_work(text, mention):
            continue
        i = next(i for i, (a, b) in enumerate(bounds) if a <= mention.start < b)
        start, end = bounds[max(0, i - 1)][0], bounds[i][1]  # this sentence and the one before
        if _WORKERS.search(text, start, end):
            found.setdefault(mention.key)
    return list(found)


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text) + 1]
    return list(itertools.pairwise(cuts))


def _not_a_place_of_work(text: str, mention: Mention) -> bool:
    """Nationalities, currencies, seas, missions, news datelines, lists of other nations."""
    before = text[max(0, mention.start - _WINDOW) : mention.start]
    after = text[mention.end : mention.end + _WINDOW]
    return bool(
        _NATIONALITY.search(before)
        or _NATIONALITY_AFTER.search(after)
        or _NOT_A_PLACE_OF_WORK_BEFORE.search(before)
        or _NOT_A_PLACE_OF_WORK_AFTER.search(after)
    )


def provinces_of_origin(text: str) -> list[str]:
    """Provinces named as the workers' origin, in order of first mention.

    An origin cue ("asal", "warga", "from", "PMI") may be followed by an address chain ("asal Desa X,
    Kecamatan Y, Kabupaten Z, Nusa Tenggara Barat") before the province, and a list of origins goes
    on after it ("berasal dari Aceh, NTT (3 orang), dan Lampung"). A province after a locative ("di",
    "ke", "tiba", "Pelabuhan") or an office ("Polda Kepri", "BP3MI Kaltara") is where something
    happens, not where the workers come from.
    """
    found: dict[str, None] = {}
    previous: Mention | None = None
    for mention in provinces().finditer(text):
        continues = (
            previous is not None and _LIST_GAP.fullmatch(text[previous.end : mention.start]) is not None
        )
        if continues or _is_origin(text, mention):
            found.setdefault(mention.key)
            previous = mention
        else:
            previous = None
    return list(found)


def _is_origin(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.start - 160) : mention.start]
    if _NOT_ORIGIN.search(before):
        return False
    cues = list(_ORIGIN_CUE.finditer(before))
    if not cues:
        return False
    cue, between = cues[-1], _ANY_REGION.sub(" ", before[cues[-1].end() :])
    if _HOME_CUE.fullmatch(cue.group(0)):
        between = re.sub(r"^\s*(?:di|in)\b", "", between, count=1, flags=re.IGNORECASE)
    return (
        len(between.split()) <= _ADDRESS_WORDS
        and _ADDRESS.fullmatch(between) is not None
        and not _SENTENCE_BREAK.search(between)
        and not _LOCATIVE.search(between)
    )
