"""annotate(): relevance, countries of work, provinces of origin, organisations and topics.

The texts here are written for these tests (the shared labelled set is read from ../shared only).
"""

from __future__ import annotations

import json

import pytest

from pmi_aggregator import annotate
from pmi_aggregator.domain.gazetteer import province_names
from pmi_aggregator.domain.topics import TOPICS
from tests.support.paths import SHARED_DIR

LABELLED = SHARED_DIR / "domain" / "labelled.jsonl"


# -- relevance on the stories that never use a migrant-worker word --------------------------------
@pytest.mark.parametrize(
    "title, body",
    [
        (
            "Tiga ABK WNI disiksa di kapal ikan berbendera Tiongkok",
            "Para anak buah kapal itu bekerja 18 jam sehari.",
        ),
        (
            "Ratusan WNI korban online scam di Kamboja dievakuasi",
            "Mereka dipaksa bekerja di sentra penipuan daring.",
        ),
        (
            "Hong Kong employer jailed for abusing Indonesian maid",
            "The domestic helper was beaten for months.",
        ),
        (
            "Perawat Indonesia berbagi kisah menjadi careworker di Jepang",
            "Ia bekerja di panti lansia di Osaka.",
        ),
        ("Tenaga kerja dari Indonesia diminati pabrik di Korea Selatan", "Permintaan meningkat tahun ini."),
    ],
)
def test_indonesians_at_work_abroad_are_relevant_without_a_migrant_word(title: str, body: str):
    result = annotate(title, "", body)
    assert result.relevant, result.signals


@pytest.mark.parametrize(
    "title, body",
    [
        (
            "Sampoerna bangun pabrik rokok baru",
            "PMI, induk perusahaan Philip Morris International, menambah investasi di Jawa Timur.",
        ),
        (
            "Sertifikasi manajemen proyek masih rendah",
            "Menurut PMI (Project Management Institute), tenaga profesional bersertifikat PMP sedikit.",
        ),
        (
            "Gagal berhaji, puluhan WNI dideportasi",
            "Jemaah itu memakai visa ziarah, bukan visa haji, saat ibadah haji di Mekkah.",
        ),
        (
            "Smelter Morowali rekrut ribuan TKI",
            "Perusahaan mempekerjakan TKA asal China di samping TKI lokal di Sulawesi Tengah.",
        ),
        ("Ribuan burung migran singgah di pesisir Sumatra", "Burung bermigrasi dari Siberia setiap tahun."),
        ("Mahasiswa Indonesia di Jepang gelar festival budaya", "Para mahasiswa kuliah di Tokyo."),
    ],
)
def test_other_senses_and_other_beats_are_refused(title: str, body: str):
    result = annotate(title, "", body)
    assert not result.relevant, result.signals
    assert result.countries == result.provinces == result.topics == ()


# -- countries ----------------------------------------------------------------------------------------
def test_countries_of_work_from_names_and_cities():
    text = "Seorang PMI asal Cianjur meninggal di Jeddah. Rekannya bekerja di Kuala Lumpur."
    assert annotate("PMI meninggal", "", text).countries == ("SA", "MY")


@pytest.mark.parametrize(
    "sentence",
    [
        "Kerugian negara mencapai 2 juta dolar AS.",  # a currency
        "Kapal itu berlayar di perairan Singapura.",  # a sea
        "Para WNI dibawa menuju Mae Sot, Thailand, untuk dipulangkan.",  # the route home
        "Pelaku adalah warga negara Malaysia.",  # a nationality
        "Most helpers are from the Philippines and Indonesia.",  # a comparison of nationalities
    ],
)
def test_a_country_that_is_not_where_the_workers_are_is_not_counted(sentence: str):
    text = f"Pekerja migran Indonesia dieksploitasi di Kamboja. {sentence}"
    assert annotate("Pekerja migran dieksploitasi", "", text).countries == ("KH",)


def test_a_country_named_where_the_text_is_not_about_the_workers_is_not_counted():
    text = (
        "Pekerja migran Indonesia di Polandia bertambah. Ekonominya tumbuh pesat. "
        "Polandia juga membahas rudal pertahanan AS dengan NATO."
    )
    assert annotate("Pekerja migran di Polandia", "", text).countries == ("PL",)


# -- provinces ------------------------------------------------------------------------------------------
def test_province_of_origin_after_an_address_chain_and_in_a_list():
    text = (
        "Seorang pekerja migran asal Desa Sukamaju, Kecamatan Cibeber, Kabupaten Cianjur, Jawa Barat, "
        "dipulangkan dari Malaysia. Para CPMI lain berasal dari berbagai daerah di Indonesia, seperti "
        "Nusa Tenggara Timur (NTT), Lampung, dan Aceh."
    )
    assert annotate("PMI dipulangkan", "", text).provinces == ("Jawa Barat", "NTT", "Lampung", "Aceh")


def test_a_province_that_is_a_place_of_arrival_or_an_office_is_not_an_origin():
    text = (
        "Sebanyak 120 PMI dideportasi dari Tawau dan tiba di Nunukan, Kalimantan Utara. Kepala BP3MI Kaltara "
        "dan Polda Kepri menerima mereka di Pelabuhan Tunon Taka."
    )
    result = annotate("PMI dideportasi dari Malaysia", "", text)
    assert result.provinces == ()
    assert {"BP3MI Kalimantan Utara", "Polda Kepulauan Riau"} <= set(result.organizations)


def test_every_province_has_its_official_name():
    names = province_names()
    assert len(names) == 38 and "DKI Jakarta" in names and "Papua Pegunungan" in names


# -- organisations and topics -------------------------------------------------------------------------
def test_organizations_are_canonical():
    text = (
        "Kementerian Luar Negeri, KBRI Kuala Lumpur dan Badan Pelindungan Pekerja Migran Indonesia "
        "bekerja sama dengan Migrant CARE dan Kantor Imigrasi Kelas I Khusus TPI Batam. PT Sinar Jaya "
        "Abadi selaku P3MI diperiksa Bareskrim Polri."
    )
    assert annotate("PMI", "", text).organizations == (  # in order of first mention
        "Kemlu",
        "KBRI Kuala Lumpur",
        "BP2MI",
        "Migrant CARE",
        "Imigrasi Batam",
        "PT Sinar Jaya Abadi",
        "P3MI",
        "Bareskrim Polri",
    )


def test_topics_need_a_sentence_and_a_body_brought_home_is_death_not_deportation():
    text = (
        "Jenazah PMI asal Indramayu dipulangkan dari Arab Saudi. Ia diduga korban TPPO dan berangkat "
        "secara nonprosedural. Gaji korban juga belum dibayar selama enam bulan."
    )
    topics = annotate("Jenazah PMI dipulangkan", "", text).topics
    assert set(topics) == {"death", "trafficking", "illegal", "wages"}
    assert set(topics) <= set(TOPICS)


_FILLER = (
    "Para pekerja migran itu bekerja di sebuah pabrik di Taichung. Mereka tinggal di asrama. "
    "Petugas mendata nama dan asal daerah mereka. Pemeriksaan berlangsung hingga sore hari. "
)


def test_a_background_topic_named_once_far_from_the_lead_is_not_a_topic():
    late = "Usai didata, mereka akan dipulangkan ke daerah asal masing-masing."
    text = "Polisi mengamankan 20 pekerja migran ilegal di sebuah penampungan di Batam. " + _FILLER + late
    topics = annotate("Polisi amankan pekerja migran ilegal", "", text).topics
    assert "illegal" in topics
    assert "deportation" not in topics
    led = annotate("Malaysia mendeportasi 100 PMI", "", text).topics  # the same words, led by it
    assert "deportation" in led


def test_in_a_death_story_repatriation_and_illness_belong_to_the_death():
    text = (
        "Seorang PMI asal Sumbawa meninggal dunia di Riyadh. " + _FILLER + "Sebelumnya ia sempat sakit. "
        "Keluarga berharap proses pemulangan segera selesai."
    )
    topics = annotate("PMI asal Sumbawa meninggal di Arab Saudi", "", text).topics
    assert topics == ("death",)


def test_in_a_returnee_story_training_is_reintegration_not_recruitment():
    text = (
        "Purna PMI asal Blitar kini membuka usaha konveksi. " + _FILLER + "Mereka mengikuti pelatihan "
        "menjahit. Pelatihan itu digelar dinas setempat. Setelah pelatihan, mereka mendapat modal."
    )
    topics = annotate("Purna PMI sukses berwirausaha", "", text).topics
    assert topics == ("social",)
    hiring = annotate("Lowongan kerja ke Taiwan dibuka", "", text).topics
    assert "recruitment" in hiring


def test_illegal_is_about_the_workers_not_any_unlawful_thing():
    verdict = "Migrant CARE menilai vonis terhadap TKI itu dijatuhkan secara ilegal. " + _FILLER
    assert "illegal" not in annotate("Vonis TKI di Arab Saudi", "", verdict).topics
    runaway = "Polisi menangkap tiga pekerja kaburan asal Indonesia di Taoyuan. " + _FILLER
    assert "illegal" in annotate("Pekerja migran ditangkap", "", runaway).topics
    smuggled = "Sindikat itu menyelundupkan calon PMI ke Malaysia lewat jalur laut. " + _FILLER
    assert "trafficking" in annotate("Calon PMI diselundupkan", "", smuggled).topics


def test_a_relevant_article_always_has_a_topic():
    assert annotate("Pekerja migran Indonesia", "", "Pekerja migran Indonesia di Taiwan.").topics == (
        "other",
    )


def test_hostile_input_is_bounded_and_total():
    huge = "pekerja migran " * 200_000
    result = annotate(huge, huge, huge)
    assert result.relevant
    assert annotate(None, None, None).relevant is False  # type: ignore[arg-type]


# -- the shared labelled set (skipped when ../shared is absent) --------------------------------------
def _scores() -> dict[str, tuple[float, float]]:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    tallies = {name: [0, 0, 0] for name in ("relevance", "countries", "provinces")}
    for row in rows:
        result = annotate(row.get("title") or "", "", row.get("text") or "")
        truth = bool(row["labels"]["relevant"])
        tallies["relevance"][0] += result.relevant and truth
        tallies["relevance"][1] += result.relevant and not truth
        tallies["relevance"][2] += truth and not result.relevant
        for field in ("countries", "provinces"):
            predicted, gold = set(getattr(result, field)), set(row["labels"][field])
            tallies[field][0] += len(predicted & gold)
            tallies[field][1] += len(predicted - gold)
            tallies[field][2] += len(gold - predicted)
    return {name: (tp / (tp + fp), tp / (tp + fn)) for name, (tp, fp, fn) in tallies.items()}


def test_the_labelled_set_meets_the_targets():
    if not LABELLED.is_file():
        pytest.skip(f"the labelled domain set is not at {LABELLED} (it lives beside the repository)")
    scores = _scores()
    assert scores["relevance"][0] >= 0.95 and scores["relevance"][1] >= 0.90, scores
    for field in ("countries", "provinces"):
        assert scores[field][0] >= 0.90 and scores[field][1] >= 0.80, (field, scores)
