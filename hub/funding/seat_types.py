"""The GraphQL view of a sponsored seat, as its sponsor sees it (``Pledge.sponsoredSeat``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import strawberry
from strawberry.dataloader import DataLoader

from hub.api.context import Info
from hub.api.relations import load_node
from hub.countries.types import Country, Region
from hub.funding.sponsored_seats import SeatView, seats_of
from hub.talent.types import Programme


@strawberry.type(
    description="The scholarship seat a seat sponsorship paid for, as its sponsor sees it: "
    "where it went and how it ended, only while the student consents."
)
class SponsoredSeat:
    view: strawberry.Private[SeatView]

    @strawberry.field(description="When the programme's host linked the pledge to the seat.")
    def assigned_at(self) -> datetime:
        return self.view.assigned_at

    @strawberry.field(
        description="Whether the student lets you see the fields below; without it they are null."
    )
    def consent_given(self) -> bool:
        return self.view.consent_given

    @strawberry.field(description="The programme the seat is in; null without consent.")
    async def programme(self, info: Info) -> Programme | None:
        return await load_node(info, Programme, self.view.programme_id)

    @strawberry.field(description="The student's country; null without consent.")
    async def country(self, info: Info) -> Country | None:
        return await load_node(info, Country, self.view.country_code)

    @strawberry.field(description="The student's region, if known; null without consent.")
    def region(self) -> Region | None:
        return Region.by_code(self.view.region_code)

    @strawberry.field(
        description="Whether the student completed the programme; null without consent."
    )
    def has_graduated(self) -> bool | None:
        return self.view.has_graduated


def _seat_loader(info: Info) -> DataLoader[int, SeatView | None]:
    reader = info.context.reader

    async def load(keys: Sequence[int]) -> list[SeatView | None]:
        found = await reader.run(lambda s: seats_of(s, keys))
        return [found.get(key) for key in keys]

    return info.context.loaders.batch("sponsored_seat", load)


async def sponsored_seat(info: Info, pledge_id: int) -> SponsoredSeat | None:
    view = await _seat_loader(info).load(pledge_id)
    return None if view is None else SponsoredSeat(view=view)
