"""What happened: the topics an article spends at least a sentence on.

Each topic has strong cues (one sentence with one is enough: "dideportasi", "TPPO") and weak cues
that are common in passing ("gaji", "sakit", "program") and count only when two sentences carry them.
The vocabulary is Indonesian and English, as the news writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOPICS = (
    "trafficking",
    "illegal",
    "deportation",
    "death",
    "violence",
    "wages",
    "recruitment",
    "policy",
    "remittance",
    "health",
    "scam",
    "fishers",
    "social",
    "other",
)


def _cues(*words: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class _Topic:
    name: str
    strong: re.Pattern[str]
    weak: re.Pattern[str] | None = None


_RULES = (
    _Topic(
        "trafficking",
        _cues(
            r"TPPO",
            r"perdagangan\s+(?:orang|manusia)",
            r"human\s+trafficking",
            r"traffick(?:ing|ed|ers?)",
            r"korban\s+perdagangan",
            r"perbudakan(?:\s+modern)?",
            r"modern\s+slavery",
            r"kerja\s+paksa",
            r"forced\s+labou?r",
            r"penyelundupan\s+(?:orang|manusia|PMI|TKI|pekerja|calon)",
            r"(?:menyelundupkan|diselundupkan)",
            r"smuggl(?:ing|ed|ers?)",
            r"disekap",
            r"penyekapan",
            r"held\s+captive",
            r"sindikat\s+(?:pengiriman|perdagangan|penyelundupan)",
        ),
        _cues(
            r"eksploitasi",
            r"exploit(?:ed|ation)",
            r"sindikat",
            r"syndicate",
            r"mafia",
            r"(?:di\s+bawah\s+umur|underage)",
        ),
    ),
    _Topic(
        "illegal",
        _cues(
            r"(?:PMI|TKI|TKW|CPMI|pekerja\s+migran(?:\s+Indonesia)?|buruh\s+migran|migran|workers?|"
            r"(?:calon\s+)?(?:PMI|TKI|TKW|pekerja))\s+(?:ilegal|illegal|nonprosedural|non-prosedural|"
            r"non\s+prosedural|tidak\s+resmi|tak\s+resmi|tanpa\s+dokumen)",
            r"(?:berangkat|diberangkatkan|pemberangkatan|keberangkatan|dikirim|pengiriman|penempatan|"
            r"jalur|masuk|bekerja|tinggal|menyeberang|penampungan|agen|perekrutan|work(?:ing)?|"
            r"enter(?:ed)?|stay(?:ing)?)\s+(?:[\w()/-]+\s+){0,4}(?:secara\s+)?(?:ilegal|illegal(?:ly)?|"
            r"tidak\s+resmi)",
            r"illegal\s+(?:migrants?|workers?|immigrants?|entry|workers)",
            r"non-?prosedural",
            r"non\s+prosedural",
            r"unprocedural",
            r"tidak\s+prosedural",
            r"undocumented",
            r"tanpa\s+dokumen(?:\s+resmi)?",
            r"tidak\s+berdokumen",
            r"overstay(?:ed|ing)?",
            r"jalur\s+tikus",
            r"jalan\s+tikus",
            r"visa\s+(?:kunjungan|turis|ziarah|wisata)",
            r"tourist\s+visas?",
            r"kaburan",
            r"kabur\s+dari\s+majikan",
            r"runaways?",
            r"abscond(?:ed|ing)?",
            r"(?:WNI|PMI|TKI|deportan)\s+bermasalah",
            r"(?:tidak|tak)\s+(?:memiliki|punya|dilengkapi)\s+(?:dokumen|izin|paspor|visa)",
            r"dokumen\s+(?:tidak|tak|belum)\s+lengkap",
            r"(?:paspor|dokumen)\s+palsu",
            r"pemalsuan\s+dokumen",
            r"tanpa\s+(?:izin\s+kerja|paspor|visa\s+kerja)",
            r"(?:without|no)\s+(?:work\s+)?permits?",
            r"depot\s+imigres[ei]n",
            r"tahanan\s+imigrasi",
        ),
        _cues(
            r"ilegal",
            r"illegal(?:ly)?",
            r"tidak\s+resmi",
            r"melarikan\s+diri",
            r"hilang\s+kontak",
            r"deportan",
            r"penampungan\s+(?:ilegal|liar)",
        ),
    ),
    _Topic(
        "deportation",
        _cues(
            r"deportasi",
            r"dideportasi",
            r"mendeportasi",
            r"deportan",
            r"deport(?:ed|ation|ees?)",
            r"dipulangkan",
            r"memulangkan",
            r"pemulangan",
            r"repatriasi",
            r"direpatriasi",
            r"repatriat(?:ed|ion)",
            r"dievakuasi",
            r"evakuasi",
            r"evacuat(?:ed|ion)",
        ),
        _cues(r"sent\s+home", r"tiba\s+di\s+tanah\s+air"),
    ),
    _Topic(
        "death",
        _cues(
            r"meninggal(?:\s+dunia)?",
            r"tewas",
            r"wafat",
            r"jenazah",
            r"kematian",
            r"dieksekusi",
            r"eksekusi\s+mati",
            r"hukuman\s+mati",
            r"dilarung",
            r"died",
            r"deaths?",
            r"dead",
            r"killed",
            r"executed",
            r"executions?",
            r"death\s+(?:penalty|sentence|row)",
            r"bodies",
            r"corpse",
        ),
    ),
    _Topic(
        "violence",
        _cues(
            r"penganiayaan",
            r"dianiaya",
            r"menganiaya",
            r"kekerasan",
            r"disiksa",
            r"penyiksaan",
            r"pelecehan",
            r"diperkosa",
            r"pemerkosaan",
            r"dipukul",
            r"dipukuli",
            r"abuse[ds]?",
            r"abusing",
            r"assault(?:ed)?",
            r"beaten",
            r"tortur(?:e|ed|ing)",
            r"raped?",
            r"violence",
            r"injur(?:ed|ies)",
        ),
    ),
    _Topic(
        "wages",
        _cues(
            r"gaji(?:nya)?\s+(?:tidak|belum|tak)\s+(?:dibayar|dibayarkan)",
            r"(?:tidak|belum|tak)\s+(?:digaji|dibayar)",
            r"unpaid\s+(?:wages|salar(?:y|ies))",
            r"upah\s+(?:minimum|layak|tidak)",
            r"sengketa\s+(?:upah|gaji|kerja)",
            r"pesangon",
            r"hak-hak\s+normatif",
            r"tunggakan\s+gaji",
            r"(?:failure|failed)\s+to\s+pay(?:\s+\w+)?\s+(?:wages|salar(?:y|ies))",
            r"(?:underpaid|not\s+been\s+paid|never\s+paid)",
            r"ganti\s+rugi",
            r"kompensasi",
            r"(?:ordered|agreed)\s+to\s+pay",
            r"(?:hak|aset|barang)(?:-hak)?\s+(?:PMI|pekerja|korban)?\s*(?:yang\s+)?(?:tidak|belum)\s+(?:dibayar|dikembalikan)",
            r"tidak\s+dikembalikan",
        ),
        _cues(r"gaji(?:nya)?", r"upah", r"salar(?:y|ies)", r"wages?", r"dibayar", r"hak-hak\s+pekerja"),
    ),
    _Topic(
        "recruitment",
        _cues(
            r"perekrutan",
            r"merekrut",
            r"direkrut",
            r"rekrutmen",
            r"recruit(?:ed|ment|ers?|ing)?",
            r"calo",
            r"tekong",
            r"P3MI",
            r"PJTKI",
            r"PPTKIS",
            r"lowongan(?:\s+kerja)?",
            r"dijanjikan\s+(?:kerja|pekerjaan|gaji)",
            r"promised\s+(?:a\s+)?jobs?",
            r"job\s+offers?",
            r"agen\s+(?:tenaga\s+kerja|penyalur)",
            r"penyalur",
            r"pelatihan\s+kerja",
            r"BLK",
            r"peluang\s+(?:kerja|penempatan)",
            r"penempatan\s+(?:kerja|PMI|pekerja\s+migran|TKI)",
            r"skema\s+penempatan",
            r"G\s*to\s*G",
            r"job\s+opportunit(?:y|ies)",
            r"kebutuhan\s+tenaga\s+kerja",
            r"(?:tempat\s+)?penampungan\s+(?:calon\s+)?(?:TKI|TKW|PMI|pekerja)",
            r"(?:sub-?)?agen\s+PJTKI",
        ),
        _cues(
            r"agen",
            r"agency",
            r"sponsor",
            r"training",
            r"pelatihan",
            r"penempatan",
            r"placement",
            r"pendaftaran",
            r"diberangkatkan",
            r"pemberangkatan",
        ),
    ),
    _Topic(
        "policy",
        _cues(
            r"kebijakan",
            r"peraturan",
            r"regulasi",
            r"undang-undang",
            r"UU\s+(?:No|Nomor)",
            r"moratorium",
            r"nota\s+kesepahaman",
            r"MoU",
            r"kerja\s+sama\s+bilateral",
            r"bilateral",
            r"diplomasi",
            r"policy",
            r"policies",
            r"regulations?",
            r"legislation",
            r"ratif\w+",
            r"KUR",
            r"nota\s+diplomatik",
            r"nota\s+protes",
            r"protes\s+(?:keras|resmi)",
            r"pengampunan",
            r"grasi",
            r"clemency",
            r"pendampingan\s+hukum",
            r"bantuan\s+hukum",
            r"legal\s+(?:aid|assistance)",
            r"tata\s+kelola",
            r"laws?\s+(?:which|that)",
        ),
        _cues(r"program", r"sosialisasi", r"satgas", r"satuan\s+tugas", r"pencegahan", r"prevention"),
    ),
    _Topic(
        "remittance",
        _cues(
            r"remitansi",
            r"remitensi",
            r"remittances?",
            r"kiriman\s+uang",
            r"devisa",
            r"pengiriman\s+uang",
            r"transfer\s+uang",
            r"money\s+transfers?",
        ),
        _cues(r"penghasilan", r"tabungan", r"earnings", r"savings", r"income", r"pendapatan"),
    ),
    _Topic(
        "health",
        _cues(
            r"BPJS(?:\s+Ketenagakerjaan|\s+Kesehatan)?",
            r"asuransi",
            r"koma",
            r"stroke",
            r"gangguan\s+jiwa",
            r"mental\s+health",
            r"kesehatan\s+(?:mental|jiwa)",
        ),
        _cues(
            r"sakit",
            r"rumah\s+sakit",
            r"dirawat",
            r"kesehatan",
            r"health",
            r"ill(?:ness)?",
            r"sick(?:ness)?",
            r"pengobatan",
            r"perawatan",
            r"hospital(?:ised|ized)?",
            r"medical",
        ),
    ),
    _Topic(
        "scam",
        _cues(
            r"online\s+scam",
            r"scam(?:s|mers?)?",
            r"penipuan\s+(?:daring|online)",
            r"judi\s+(?:online|daring)",
            r"love\s+scam",
            r"romance\s+scam",
            r"sentra\s+penipuan",
            r"scam\s+compounds?",
        ),
        _cues(r"penipuan", r"ditipu", r"tertipu", r"fraud", r"cheated"),
    ),
    _Topic(
        "fishers",
        _cues(
            r"ABK",
            r"anak\s+buah\s+kapal",
            r"kapal\s+(?:ikan|penangkap\s+ikan)",
            r"awak\s+kapal",
            r"fishing\s+(?:vessels?|boats?|ships?)",
            r"fishermen",
            r"fishers?",
            r"pelaut",
            r"seafarers?",
        ),
    ),
    _Topic(
        "social",
        _cues(
            r"purna\s+(?:PMI|TKI|pekerja\s+migran)",
            r"mantan\s+(?:PMI|TKI|TKW|pekerja\s+migran)",
            r"returnees?",
            r"pemberdayaan",
            r"reintegrasi",
            r"anak(?:-anak)?\s+(?:PMI|TKI|pekerja\s+migran)",
            r"paguyuban",
            r"berwirausaha",
            r"wirausaha",
            r"UMKM",
        ),
        _cues(r"komunitas", r"community", r"keluarga\s+(?:PMI|TKI)", r"usaha", r"business"),
    ),
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|\n+")

_LEAD = 4
"""The title and the first sentences: what an article puts there, it is about."""

_BACKGROUND = frozenset({"deportation", "policy", "trafficking"})
"""Topics news names in passing, as an aftermath ("they will be sent home") or as background ("at risk
of trafficking", "the government's policy"): one sentence far from the lead is not enough for them."""

_PART_OF = {"death": frozenset({"deportation", "health"}), "social": frozenset({"recruitment"})}
"""What a story of one topic tells as its own parts: in a story of a death, a repatriation is the
body's and an illness the cause of death; in a story of returnees, training and jobs are their
reintegration. Such a topic counts there only when the article leads with it too, or comes back to
it."""

_BODY = _cues(r"jenazah", r"jasad", r"mayat", r"bodies", r"body", r"remains", r"corpse")
"""Bringing a body home is ``death``, not ``deportation``."""


@dataclass(frozen=True)
class _Evidence:
    strong: tuple[int, ...]
    weak: tuple[int, ...]

    @property
    def in_lead(self) -> bool:
        return any(i < _LEAD for i in self.strong)

    def salient(self, background: bool) -> bool:
        """A sentence spent on the topic: a strong cue (for background topics, in the lead or again
        elsewhere), or weak cues in three sentences."""
        if self.strong:
            return not background or self.in_lead or len(self.strong) + len(self.weak) >= 2
        return len(self.weak) >= 3


def _evidence(rule: _Topic, sentences: list[str]) -> _Evidence:
    strong, weak = [], []
    for i, sentence in enumerate(sentences):
        if rule.name == "deportation" and _BODY.search(sentence):
            continue
        if rule.strong.search(sentence):
            strong.append(i)
        elif rule.weak is not None and rule.weak.search(sentence):
            weak.append(i)
    return _Evidence(tuple(strong), tuple(weak))


def topics_of(text: str) -> list[str]:
    """The topics, in vocabulary order; ``other`` only when no other topic has a sentence."""
    sentences = [s for s in _SENTENCES.split(text) if s.strip()]
    evidence = {rule.name: _evidence(rule, sentences) for rule in _RULES}
    parts = {part for story, its in _PART_OF.items() if evidence[story].in_lead for part in its}
    found = []
    for name, seen in evidence.items():
        if name in parts and not (seen.in_lead or len(seen.strong) >= 2):
            continue
        if seen.salient(background=name in _BACKGROUND):
            found.append(name)
    return found or ["other"]
