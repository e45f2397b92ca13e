"""The creator's facts the Talent Factory rankings read (issue 12), in two plain statements.

``criteria.creator_profile`` reads the same through the request's DataLoaders: a page of
disciplines, a page of languages, the verified levels (which only roles use) and then the
disciplines again for their sectors, four statements each built for many parents. Here
the disciplines come with their sectors in one statement and the languages in another;
the profile is the same (``tests/talent_skills`` compare the two).
"""

from __future__ import annotations

from sqlalchemy import RowMapping, select

from hub.core.reader import Reader
from hub.creators.mapping import CREATOR_DISCIPLINE, CREATOR_LANGUAGE
from hub.creators.models import CreatorDiscipline, CreatorLanguage
from hub.disciplines.models import Discipline
from hub.matching.criteria import CreatorProfile


async def talent_profile(reader: Reader, creator: RowMapping) -> CreatorProfile:
    """The creator's disciplines (with their sectors) and languages; no credentials."""
    skills = await reader.rows(
        select(
            CreatorDiscipline.discipline_id,
            CreatorDiscipline.level,
            CreatorDiscipline.years_of_experience,
            Discipline.sector_id,
        )
        .join(Discipline, Discipline.id == CreatorDiscipline.discipline_id)
        .where(CreatorDiscipline.creator_id == creator["id"])
        # The order of the pages ``creator_profile`` reads, so the dicts iterate alike.
        .order_by(*CREATOR_DISCIPLINE.order_by())
    )
    spoken = await reader.rows(
        select(CreatorLanguage.language, CreatorLanguage.proficiency)
        .where(CreatorLanguage.creator_id == creator["id"])
        .order_by(*CREATOR_LANGUAGE.order_by())
    )
    return CreatorProfile(
        creator_id=creator["id"],
        country_code=creator["country_code"],
        levels={row["discipline_id"]: (row["level"], row["years_of_experience"]) for row in skills},
        sector_ids=frozenset(row["sector_id"] for row in skills),
        languages={row["language"]: row["proficiency"] for row in spoken},
    )
