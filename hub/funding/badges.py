"""The ``patron`` badge of a profile: lifetime public giving past a threshold.

The threshold is a setting (``HUB_PATRON_BADGE_THRESHOLD``, an amount and a currency).
What a creator (pledging for themselves) or an organisation collected in PUBLIC pledges,
less refunds, is converted into the threshold's currency with the day's exchange rates;
a currency with no rate adds nothing (the badge is never granted on a guess). Only
PUBLIC giving counts, since the badge is shown to everyone: a NAME_ONLY pledge keeps its
amount private and an ANONYMOUS one its backer, and a badge must not reveal either.
"""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from hub.api.context import Info
from hub.funding import patrons, rates
from hub.funding.patrons import PatronKey


def _badge_loader(info: Info) -> DataLoader[PatronKey, bool]:
    """Whether each creator or organisation has the badge: two statements per batch (their
    giving, the rates), however many profiles."""
    reader = info.context.reader
    threshold = info.context.settings.patron_badge_minimum
    today = reader.env.today

    async def load(keys: Sequence[PatronKey]) -> list[bool]:
        creators = [key for kind, key in keys if kind == "creator" and key is not None]
        organisations = [key for kind, key in keys if kind == "organisation" and key is not None]
        given = await reader.run(
            lambda s: patrons.public_giving(s, creators=creators, organisations=organisations)
        )
        currencies = {money.currency for amounts in given.values() for money in amounts}
        found = await reader.run(
            lambda s: rates.latest_rates(s, currencies, threshold.currency, today)
        )
        totals = {
            key: rates.summarise_with(amounts, threshold.currency, found).total.minor_units
            for key, amounts in given.items()
        }
        return [totals.get(key, 0) >= threshold.minor_units for key in keys]

    return info.context.loaders.batch("patron_badge", load)


async def has_patron_badge(info: Info, kind: str, key: int) -> bool:
    """``kind`` is ``creator`` or ``organisation``."""
    return await _badge_loader(info).load((kind, key))
