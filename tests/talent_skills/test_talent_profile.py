"""The Talent Factory rankings read the creator's profile in two plain statements; it is
the profile every other ranking reads through the DataLoaders, less the credentials."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hub.api.loaders import Loaders
from hub.core.mapping import QueryEnv
from hub.core.reader import Reader
from hub.creators.enums import LanguageProficiency, SkillLevel
from hub.creators.mapping import CREATOR
from hub.matching.criteria import creator_profile
from hub.matching.talent_profile import talent_profile
from tests.talent import world


async def _profiles(session, person):
    reader = Reader(session, QueryEnv(today=date.today(), young_talent_max_age=35))
    loaders = Loaders(reader)
    creator = await loaders.entity(CREATOR).load(person.creator)
    assert creator is not None
    return await creator_profile(loaders, creator), await talent_profile(reader, creator)


async def test_the_talent_profile_is_the_matching_profile_without_credentials(factory, session):
    person = await world.person(
        factory,
        country="KZ",
        skills=[
            ("vfx", SkillLevel.INTERMEDIATE),
            ("animation", SkillLevel.ADVANCED),
            ("painting", SkillLevel.ADVANCED),
            ("felt-making", SkillLevel.BEGINNER),
        ],
        languages=[
            ("ru", LanguageProficiency.FLUENT),
            ("kk", LanguageProficiency.NATIVE),
            ("en", LanguageProficiency.BASIC),
        ],
    )
    everything, talent = await _profiles(session, person)
    assert talent == replace(everything, verified={})
    # The same order too: best level first, then by discipline; best proficiency first.
    assert list(talent.levels) == list(everything.levels)
    assert list(talent.languages) == ["kk", "ru", "en"] == list(everything.languages)
    assert len(talent.levels) == 4
    assert len(talent.sector_ids) >= 2


async def test_a_creator_with_no_disciplines_or_languages_has_an_empty_profile(factory, session):
    person = await world.person(factory, country="UZ")
    everything, talent = await _profiles(session, person)
    assert talent == replace(everything, verified={})
    assert (talent.levels, talent.sector_ids, talent.languages) == ({}, frozenset(), {})
    assert talent.country_code == "UZ"
