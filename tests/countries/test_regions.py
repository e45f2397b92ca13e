"""The ISO 3166-2 region lookup that creators, organisations and programmes share."""

from __future__ import annotations

import dataclasses

import pytest

from hub.countries.regions import Region, find_region, is_region_of, regions_of


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


def test_names_come_from_the_iso_codes_translations_and_fall_back_to_the_iso_name() -> None:
    pavlodar = find_region("KZ-55")
    abai = find_region("KZ-10")
    assert pavlodar is not None
    assert abai is not None

    assert pavlodar.name_in("ru") == "Павлодарская область"
    assert abai.name_in("ru") == abai.name == "Abay oblysy"  # iso-codes lacks it in Russian
    assert pavlodar.name_in(None) == pavlodar.name_in("xx") == "Pavlodar oblysy"
    assert all(name != pavlodar.name for name in pavlodar.names.values())


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
