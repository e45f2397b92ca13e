"""The ISO 3166-2 region lookup that creators, organisations and programmes share."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from hub.countries.regions import Region, find_region, is_region_of, regions_of, reviewed_names

DEMO = Path(__file__).parents[2] / "db" / "seed" / "demo"
CYRILLIC = re.compile(r"[\u0400-\u04FF \-]+")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u0259\u02BB \-]+")


def test_kazakhstan_has_its_twenty_subdivisions_including_the_2022_regions() -> None:
    codes = [region.code for region in regions_of("KZ")]

    assert len(codes) == 20
    assert {"KZ-10", "KZ-33", "KZ-62"} <= set(codes)  # Abai, Jetisu, Ulytau (2022)
    assert codes == sorted(codes)


def test_a_region_is_found_by_its_code_in_any_case_with_its_country_and_kind() -> None:
    region = find_region(" kz-75 ")

    assert region is not None
    assert (region.code, region.country_code, region.name, region.kind) == (
        "KZ-75",
        "KZ",
        "Almaty",
        "City",
    )


def test_names_come_from_the_reviewed_file_then_iso_codes_then_the_iso_name() -> None:
    abai = find_region("KZ-10")
    tbilisi = find_region("GE-TB")
    almaty = find_region("KZ-75")
    assert abai is not None
    assert tbilisi is not None
    assert almaty is not None

    assert abai.name_in("ru") == "Абайская область"  # reviewed; iso-codes lacks it
    assert almaty.name_in("ru") == "Алматы"  # reviewed over iso-codes' dated "Алма-Ата"
    assert tbilisi.name_in("uk") == "Тбілісі"  # iso-codes' translation, not reviewed
    assert abai.name_in("uk") == "Абайська область"  # iso-codes' translation
    assert abai.name_in("xx") == abai.name_in(None) == abai.name == "Abay oblysy"


def test_only_first_level_subdivisions_are_regions() -> None:
    # Azerbaijan's rayons of Nakhchivan (AZ-BAB, ...) sit below the autonomous republic AZ-NX.
    assert find_region("AZ-NX") is not None
    assert find_region("AZ-BAB") is None
    assert all(region.code.startswith("AZ-") for region in regions_of("AZ"))


@pytest.mark.parametrize("code", ["", "KZ", "KZ-99", "XX-1", "KZ-75-1"])
def test_an_unknown_code_finds_no_region(code: str) -> None:
    assert find_region(code) is None


def test_a_region_belongs_only_to_its_own_country() -> None:
    assert is_region_of("KZ-75", "kz")
    assert not is_region_of("UZ-TK", "KZ")
    assert not is_region_of("KZ-99", "KZ")
    assert regions_of("XX") == []


def test_regions_are_immutable_values() -> None:
    region = find_region("UZ-TK")
    assert region is not None

    with pytest.raises(dataclasses.FrozenInstanceError):
        region.code = "UZ-XX"  # type: ignore[misc]
    assert region == Region(code="UZ-TK", country_code="UZ", name=region.name, kind=region.kind)


def test_every_reviewed_name_is_for_a_known_region_in_a_language_code() -> None:
    names = reviewed_names()

    assert len(names) >= 100
    for code, by_language in names.items():
        assert find_region(code) is not None, code
        assert by_language, code
        for language, name in by_language.items():
            assert re.fullmatch(r"[a-z]{2}", language), (code, language)
            assert name, (code, language)
            assert name.strip() == name, (code, language)


def test_every_reviewed_name_is_written_in_its_languages_script() -> None:
    scripts = {
        "ru": CYRILLIC, "kk": CYRILLIC, "ky": CYRILLIC, "tg": CYRILLIC, "be": CYRILLIC,
        "mn": CYRILLIC, "uz": LATIN, "tk": LATIN, "az": LATIN, "ro": LATIN, "tr": LATIN,
        "hy": re.compile(r"[\u0530-\u058F ]+"), "ka": re.compile(r"[\u10A0-\u10FF ]+"),
    }  # fmt: skip
    for code, by_language in reviewed_names().items():
        for language, name in by_language.items():
            assert scripts[language].fullmatch(name), (code, language, name)


@pytest.mark.parametrize("country", ["KZ", "UZ", "KG", "TJ", "AM", "AZ", "BY", "MD", "TM"])
def test_every_region_of_the_cis_states_has_a_russian_name(country: str) -> None:
    for region in regions_of(country):
        assert CYRILLIC.fullmatch(region.name_in("ru")), region.code


@pytest.mark.parametrize(
    ("country", "language"),
    [("KZ", "kk"), ("UZ", "uz"), ("KG", "ky"), ("TJ", "tg"), ("AM", "hy"), ("BY", "be"),
     ("TM", "tk")],
)  # fmt: skip
def test_every_region_of_these_states_has_a_reviewed_national_and_russian_name(
    country: str, language: str
) -> None:
    names = reviewed_names()
    for region in regions_of(country):
        assert {"ru", language} <= set(names[region.code]), region.code


def test_every_region_the_demo_data_uses_has_a_russian_and_a_national_name() -> None:
    national = {
        country["code"]: country["nativeLanguage"]
        for country in json.loads((DEMO / "countries.json").read_text(encoding="utf-8"))
    }
    used = {
        row["region"]
        for name in ("creators.json", "organisations.json")
        for row in json.loads((DEMO / name).read_text(encoding="utf-8"))
        if row.get("region")
    }

    assert len(used) >= 30
    names = reviewed_names()
    for code in used:
        region = find_region(code)
        assert region is not None, code
        assert {"ru", national[region.country_code]} <= set(names[code]), code


@pytest.mark.parametrize(
    ("code", "russian", "national"),
    [
        ("KZ-75", "Алматы", "Алматы"),
        ("KZ-71", "Астана", "Астана"),
        ("KZ-10", "Абайская область", "Абай облысы"),
        ("KZ-33", "Жетысуская область", "Жетісу облысы"),
        ("KZ-62", "Улытауская область", "Ұлытау облысы"),
        ("KZ-61", "Туркестанская область", "Түркістан облысы"),
        ("UZ-TK", "Ташкент", "Toshkent"),
        ("UZ-FA", "Ферганская область", "Fargʻona viloyati"),
        ("KG-Y", "Иссык-Кульская область", "Ысык-Көл облусу"),
        ("AM-ER", "Ереван", "Երևան"),
        ("BY-HM", "Минск", "Мінск"),
        ("AZ-SA", "Шеки", "Şəki"),
        ("AZ-YE", "Евлах", "Yevlax"),
        ("AZ-QAX", "Гахский район", "Qax"),
    ],
)
def test_names_in_russian_and_the_national_language(code: str, russian: str, national: str) -> None:
    region = find_region(code)
    assert region is not None

    language = {"KZ": "kk", "UZ": "uz", "KG": "ky", "AM": "hy", "BY": "be", "AZ": "az"}
    assert region.name_in("ru") == russian
    assert region.name_in(language[region.country_code]) == national
