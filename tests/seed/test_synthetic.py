"""The synthetic generator: deterministic, in proportion, valid, and polite to data."""

import hashlib
import re

import pytest
from sqlalchemy import func, select

import hub.models
from hub.core.migrations import upgrade
from hub.countries.regions import is_region_of
from hub.creators.models import Creator
from hub.organisations.models import Organisation
from hub.seed.synthetic import SyntheticDataError, load_synthetic
from tests.conftest import BACKENDS, fresh_engine

CREATORS = 400


async def _digest(engine) -> str:
    """One hash over every row of every table, in key order."""
    digest = hashlib.sha256()
    async with engine.connect() as connection:
        for table in hub.models.Base.metadata.sorted_tables:
            rows = await connection.execute(select(table).order_by(*table.primary_key.columns))
            for row in rows:
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


async def _generated(backend, directory, seed):
    async with fresh_engine(backend, directory) as engine:
        await upgrade(engine)
        summary = await load_synthetic(engine, creators=CREATORS, seed=seed)
        return summary, await _digest(engine)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_same_seed_gives_the_same_rows_and_another_seed_does_not(backend, tmp_path):
    first, first_digest = await _generated(backend, tmp_path, seed=7)
    again, again_digest = await _generated(backend, tmp_path, seed=7)
    _, other_digest = await _generated(backend, tmp_path, seed=8)
    assert first == again
    assert first_digest == again_digest
    assert other_digest != first_digest


@pytest.mark.parametrize("backend", BACKENDS)
async def test_everything_is_in_proportion_to_the_creators(backend, tmp_path):
    summary, _ = await _generated(backend, tmp_path, seed=1)
    rows = summary.rows
    assert rows["creator"] == CREATORS
    assert rows["organisation"] == CREATORS // 20
    assert rows["project"] == CREATORS // 10
    assert 3 * rows["project"] <= rows["participant"] <= 6 * rows["project"]
    assert rows["creator"] <= rows["creator_discipline"] <= 3 * rows["creator"]
    assert rows["open_role"] > 0


@pytest.mark.parametrize("backend", BACKENDS)
async def test_loading_into_a_database_with_creators_is_refused_and_changes_nothing(
    backend, tmp_path
):
    async with fresh_engine(backend, tmp_path) as engine:
        await upgrade(engine)
        await load_synthetic(engine, creators=50, seed=1)
        before = await _digest(engine)
        with pytest.raises(SyntheticDataError):
            await load_synthetic(engine, creators=50, seed=2)
        assert await _digest(engine) == before


@pytest.mark.parametrize("backend", BACKENDS)
async def test_handles_are_valid_and_new_rows_get_fresh_keys_afterwards(backend, tmp_path):
    async with fresh_engine(backend, tmp_path) as engine:
        await upgrade(engine)
        await load_synthetic(engine, creators=200, seed=3)
        async with engine.begin() as connection:
            handles = list(await connection.scalars(select(Creator.handle)))
            assert len(set(handles)) == len(handles) == 200
            pattern = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$")
            assert all(pattern.fullmatch(handle) for handle in handles)
            # The sequence (PostgreSQL) or rowid (SQLite) must be past the explicit keys.
            await connection.execute(
                Creator.__table__.insert().values(
                    handle="after-the-load",
                    display_name="After",
                    country_code="KZ",
                    bio="",
                    open_to_collaboration=True,
                    is_mentor=False,
                    portfolio=[],
                    search_text="",
                    created_at=func.current_timestamp(),
                    updated_at=func.current_timestamp(),
                )
            )
            assert await connection.scalar(select(func.max(Creator.id))) == 201


@pytest.mark.parametrize("backend", BACKENDS)
async def test_creators_and_organisations_are_spread_over_their_countrys_regions(backend, tmp_path):
    async with fresh_engine(backend, tmp_path) as engine:
        await upgrade(engine)
        await load_synthetic(engine, creators=CREATORS, seed=5)
        async with engine.connect() as connection:
            placed = [
                *(await connection.execute(select(Creator.country_code, Creator.region_code))),
                *(
                    await connection.execute(
                        select(Organisation.country_code, Organisation.region_code)
                    )
                ),
            ]
    regions = [(country, region) for country, region in placed if region is not None]
    assert len(regions) >= 0.9 * len(placed)
    assert all(is_region_of(region, country) for country, region in regions)
    kazakh = {region for country, region in regions if country == "KZ"}
    assert len(kazakh) > len(["Almaty", "Astana", "Shymkent", "Karaganda"])


@pytest.mark.parametrize("backend", BACKENDS)
async def test_the_talent_factory_grows_in_proportion_and_holds_together(backend, tmp_path):
    """A programme per hundred creators; seats taken are the accepted and enrolled
    applications; every completed application of the sample has its credential; mentors'
    taken places are their proposed and active pairings."""
    from hub.talent.credentials.models import Credential
    from hub.talent.enums import ApplicationStatus
    from hub.talent.mentoring.enums import PairingStatus
    from hub.talent.mentoring.models import MentorCapacity, MentorshipPairing
    from hub.talent.models import Programme, ProgrammeApplication

    async with fresh_engine(backend, tmp_path) as engine:
        await upgrade(engine)
        summary = await load_synthetic(engine, creators=1_000, seed=2)
        async with engine.connect() as connection:
            programmes = (
                await connection.execute(select(Programme.id, Programme.seats_taken))
            ).all()
            applications = (
                await connection.execute(
                    select(ProgrammeApplication.programme_id, ProgrammeApplication.status)
                )
            ).all()
            credentials = await connection.scalar(select(func.count()).select_from(Credential))
            capacities = (await connection.execute(select(MentorCapacity))).all()
            pairings = (
                await connection.execute(
                    select(MentorshipPairing.mentor_id, MentorshipPairing.status)
                )
            ).all()
    assert summary.rows["programme"] == 10 == len(programmes)
    assert summary.rows["programme_application"] == len(applications) > 0
    for programme, seats in programmes:
        held = [s for p, s in applications if p == programme and s.holds_seat]
        assert len(held) == seats
    assert credentials == sum(1 for _, s in applications if s is ApplicationStatus.COMPLETED)
    for row in capacities:
        holding = [s for m, s in pairings if m == row.creator_id and s.holds_place]
        assert len(holding) == row.taken <= row.capacity
    assert any(s is PairingStatus.ACTIVE for _, s in pairings)
