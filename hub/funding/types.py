"""GraphQL types for campaigns, reward tiers and pledges."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any, Self

import strawberry
from sqlalchemy import RowMapping, func, select
from strawberry import relay
from strawberry.dataloader import DataLoader

from hub.api.context import Info
from hub.api.enums import graphql_enum
from hub.api.nodes import MappedNode
from hub.api.pagination import Connection
from hub.api.relations import follows, follows_all, follows_pages, load_node
from hub.api.scalars import LanguageCode, LocalizedString, Money
from hub.core.money import Money as MoneyValue
from hub.creators.types import Creator
from hub.funding import ledger
from hub.funding.enums import (
    CAMPAIGN_TRANSITIONS,
    CampaignPurpose,
    CampaignStatus,
    ExpenseStatus,
    FundingModel,
    LedgerAccount,
    PledgeStatus,
    PledgeVisibility,
    TierKind,
)
from hub.funding.mapping import CAMPAIGN, EXPENSE, PLEDGE, REWARD_TIER
from hub.funding.models import Pledge as PledgeRow
from hub.funding.patrons import PatronKey, hides_amount, patron_of
from hub.funding.seat_types import SponsoredSeat, sponsored_seat
from hub.funding.visibility import readable_campaigns
from hub.organisations.types import Organisation
from hub.projects.types import Project
from hub.talent.types import Programme

graphql_enum(
    CampaignPurpose,
    description="What a campaign raises money for.",
    values={
        CampaignPurpose.PROJECT: "A joint project; run by the project's leads.",
        CampaignPurpose.SCHOLARSHIP: "Scholarship seats in a Talent Factory programme.",
    },
)
graphql_enum(
    FundingModel,
    description="When pledges are collected.",
    values={
        FundingModel.ALL_OR_NOTHING: "Only if the goal is reached by the deadline.",
        FundingModel.KEEP_WHAT_YOU_RAISE: "At the deadline, whether or not the goal is reached.",
    },
)
graphql_enum(
    CampaignStatus,
    description="Where a campaign is: DRAFT -> LIVE -> SUCCEEDED -> PAID_OUT, LIVE -> FAILED, "
    "LIVE -> CANCELLED, and LIVE <-> SUSPENDED by staff.",
    values={
        CampaignStatus.DRAFT: "Being prepared; takes no pledges.",
        CampaignStatus.LIVE: "Taking pledges until its deadline.",
        CampaignStatus.SUSPENDED: "Held by staff (moderation): takes no pledges.",
        CampaignStatus.SUCCEEDED: "Settled: its pledges were collected.",
        CampaignStatus.FAILED: "Settled below its goal: its pledges were voided. Final.",
        CampaignStatus.CANCELLED: "Called off by its owner: its pledges were voided. Final.",
        CampaignStatus.PAID_OUT: "What it raised was paid out. Final.",
    },
)
graphql_enum(
    TierKind,
    description="What a reward tier gives.",
    values={
        TierKind.REWARD: "A reward, delivered around `estimatedDelivery`.",
        TierKind.NO_REWARD: "Support without a reward.",
        TierKind.SEAT_SPONSORSHIP: "One scholarship seat in the tier's programme.",
    },
)
graphql_enum(
    PledgeVisibility,
    description="What the public sees of a pledge (the backer always sees all of it).",
    values={
        PledgeVisibility.PUBLIC: "The backer and the amount.",
        PledgeVisibility.NAME_ONLY: "The backer, not the amount.",
        PledgeVisibility.ANONYMOUS: "The amount, never the backer or their message.",
    },
)
graphql_enum(
    PledgeStatus,
    description="Where a pledge's payment is: PENDING -> AUTHORIZED -> CAPTURED -> REFUNDED; "
    "AUTHORIZED -> VOIDED (campaign failed or cancelled) or CANCELLED (withdrawn); "
    "PENDING -> FAILED (declined).",
    values={
        PledgeStatus.PENDING: "Waiting for the gateway's answer (reconciled if it never came).",
        PledgeStatus.AUTHORIZED: "Authorised: collected if the campaign succeeds.",
        PledgeStatus.CAPTURED: "Collected.",
        PledgeStatus.REFUNDED: "Refunded, in full or in part (see `refunded`).",
        PledgeStatus.VOIDED: "Released: the campaign failed or was cancelled. Final.",
        PledgeStatus.CANCELLED: "Withdrawn by the backer. Final.",
        PledgeStatus.FAILED: "Declined by the gateway. Final.",
    },
)


graphql_enum(
    ExpenseStatus,
    description="Where an expense is: SUBMITTED, then APPROVED (and paid) or REJECTED.",
    values={
        ExpenseStatus.SUBMITTED: "Filed by the campaign's owners; waiting for the fiscal host.",
        ExpenseStatus.APPROVED: "Approved and paid out of what the host holds. Final.",
        ExpenseStatus.REJECTED: "Rejected by the fiscal host. Final.",
    },
)


def _money_loader(
    info: Info, name: str, account: LedgerAccount | None
) -> DataLoader[int, list[Money]]:
    """Per-currency totals of campaigns from the ledger, one statement per batch."""
    reader = info.context.reader

    async def load(keys: Sequence[int]) -> list[list[Money]]:
        if account is None:
            found = await reader.run(lambda s: ledger.raised(s, keys))
        else:
            found = await reader.run(lambda s: ledger.balances(s, keys, account))
        return [
            [money_of(value) for value in found[key]]
            for key in keys  # per currency, sorted
        ]

    return info.context.loaders.batch(name, load)


def money_of(value: MoneyValue) -> Money:
    """An exact amount as the API shows it."""
    result = Money.from_minor(value.minor_units, value.currency)
    assert result is not None
    return result


def _pledged_loader(info: Info) -> DataLoader[int, tuple[int, int]]:
    """Each campaign's standing pledges: their total and how many backers made them."""
    reader = info.context.reader

    async def load(keys: Sequence[int]) -> list[tuple[int, int]]:
        rows = await reader.rows(
            select(
                PledgeRow.campaign_id,
                func.coalesce(func.sum(PledgeRow.amount_minor), 0).label("total"),
                func.count(func.distinct(PledgeRow.backer_user_id)).label("backers"),
            )
            .where(
                PledgeRow.campaign_id.in_(list(keys)),
                PledgeRow.status.in_([PledgeStatus.AUTHORIZED, PledgeStatus.CAPTURED]),
            )
            .group_by(PledgeRow.campaign_id)
        )
        found = {row["campaign_id"]: (int(row["total"]), int(row["backers"])) for row in rows}
        return [found.get(key, (0, 0)) for key in keys]

    return info.context.loaders.batch("campaign_pledged", load)


@strawberry.type(description="A level of support for a campaign, from a minimum amount.")
class RewardTier(MappedNode):
    entity = REWARD_TIER

    id: relay.NodeID[int]
    campaign_id: strawberry.Private[int]
    title: str = strawberry.field(description="Its title.")
    description: str = strawberry.field(description="What it gives.")
    kind: TierKind = strawberry.field(description="Reward, no reward, or a seat sponsorship.")
    minimum_minor: strawberry.Private[int]
    currency: strawberry.Private[str]
    quantity_limit: int | None = strawberry.field(
        description="How many pledges it takes at most; null: no limit."
    )
    claimed: int = strawberry.field(description="Pledges holding a place in it.")
    estimated_delivery: date | None = strawberry.field(description="When the reward is due.")
    programme_id: strawberry.Private[int | None]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Any, required: bool = False
    ) -> list[Self | None]:
        """By global ID only when its campaign may be read: a draft's tiers only for those
        who may edit it (else null, as for no such id)."""
        found = await super().resolve_nodes(info=info, node_ids=node_ids, required=required)
        campaign_ids = sorted({node.campaign_id for node in found if node})
        principal = info.context.principal
        readable = await info.context.reader.run(
            lambda session: readable_campaigns(session, principal, campaign_ids)
        )
        return [node if node and node.campaign_id in readable else None for node in found]

    @strawberry.field(description="The least a pledge at this tier may be.")
    def minimum(self) -> Money:
        return money_of(MoneyValue(self.minimum_minor, self.currency))

    @strawberry.field(description="Places left; null when it has no limit.")
    def remaining(self) -> int | None:
        return None if self.quantity_limit is None else self.quantity_limit - self.claimed

    programme = follows(
        REWARD_TIER.relations.programme,
        Programme | None,
        "For a seat sponsorship: the programme whose seat it funds.",
    )


CampaignRef = Annotated["Campaign", strawberry.lazy("hub.funding.types")]


@strawberry.type(description="One line of an expense.")
class ExpenseItem:
    description: str = strawberry.field(description="What was bought or paid for.")
    amount: Money = strawberry.field(description="How much.")


@strawberry.type(
    description="How a campaign's owners spend what it raised; approved (and paid out of "
    "what the fiscal host holds) or rejected by the fiscal host."
)
class Expense(MappedNode):
    entity = EXPENSE

    id: relay.NodeID[int]
    campaign_id: strawberry.Private[int]
    title: str = strawberry.field(description="What it is for.")
    item_rows: strawberry.Private[list[dict[str, object]]]
    receipts: list[str] = strawberry.field(description="Links to its receipts.")
    amount_minor: strawberry.Private[int]
    currency: strawberry.Private[str]
    status: ExpenseStatus = strawberry.field(description="Where it is.")
    decision_note: str = strawberry.field(description="The fiscal host's note on its decision.")
    created_at: datetime = strawberry.field(description="When it was filed (UTC).")
    decided_at: datetime | None = strawberry.field(description="When it was decided (UTC).")

    @strawberry.field(description="Its total.")
    def amount(self) -> Money:
        return money_of(MoneyValue(self.amount_minor, self.currency))

    @strawberry.field(description="Its lines.")
    def items(self) -> list[ExpenseItem]:
        return [
            ExpenseItem(
                description=str(row["description"]),
                amount=money_of(MoneyValue(int(str(row["amount_minor"])), self.currency)),
            )
            for row in self.item_rows
        ]

    campaign = follows(EXPENSE.relations.campaign, CampaignRef, "The campaign.")


@strawberry.type(
    description="A pledge to a campaign. What others see of it follows its `visibility`: "
    "the backer and staff see everything."
)
class Pledge(MappedNode):
    entity = PLEDGE

    id: relay.NodeID[int]
    campaign_id: strawberry.Private[int]
    tier_id: strawberry.Private[int | None]
    backer_user_id: strawberry.Private[int | None]
    backer_creator_id: strawberry.Private[int | None]
    organisation_id: strawberry.Private[int | None]
    amount_minor: strawberry.Private[int]
    refunded_minor: strawberry.Private[int]
    currency: strawberry.Private[str]
    message_text: strawberry.Private[str]
    visibility: PledgeVisibility = strawberry.field(description="What the public sees of it.")
    status: PledgeStatus = strawberry.field(description="Where its payment is.")
    failure_reason: str | None = strawberry.field(
        description="Why the gateway declined it, when it did."
    )
    created_at: datetime = strawberry.field(description="When it was made (UTC).")

    def _sees_all(self, info: Info) -> bool:
        principal = info.context.principal
        return principal.is_staff or (
            principal.user_id is not None and principal.user_id == self.backer_user_id
        )

    @strawberry.field(description="Whether the caller made it.")
    def is_mine(self, info: Info) -> bool:
        user = info.context.principal.user_id
        return user is not None and user == self.backer_user_id

    @strawberry.field(description="The amount; null when the backer keeps it private.")
    def amount(self, info: Info) -> Money | None:
        if self.visibility is PledgeVisibility.NAME_ONLY and not self._sees_all(info):
            return None
        return money_of(MoneyValue(self.amount_minor, self.currency))

    @strawberry.field(description="What was refunded of it (zero if nothing).")
    def refunded(self, info: Info) -> Money | None:
        if self.visibility is PledgeVisibility.NAME_ONLY and not self._sees_all(info):
            return None
        return money_of(MoneyValue(self.refunded_minor, self.currency))

    @strawberry.field(description="The backer's message; null for an anonymous pledge.")
    def message(self, info: Info) -> str | None:
        if self.visibility is PledgeVisibility.ANONYMOUS and not self._sees_all(info):
            return None
        return self.message_text

    @strawberry.field(
        description="The backer's creator profile, if they have one; null when anonymous."
    )
    async def backer(self, info: Info) -> Creator | None:
        if self.visibility is PledgeVisibility.ANONYMOUS and not self._sees_all(info):
            return None
        return await load_node(info, Creator, self.backer_creator_id)

    @strawberry.field(description="The organisation it was made on behalf of; null when anonymous.")
    async def organisation(self, info: Info) -> Organisation | None:
        if self.visibility is PledgeVisibility.ANONYMOUS and not self._sees_all(info):
            return None
        return await load_node(info, Organisation, self.organisation_id)

    @strawberry.field(
        description="For a seat sponsorship: the scholarship seat it paid for. Only the "
        "backer sees it (null for anyone else, and until the programme's host links it)."
    )
    async def sponsored_seat(self, info: Info) -> SponsoredSeat | None:
        user = info.context.principal.user_id
        if user is None or user != self.backer_user_id:
            return None
        return await sponsored_seat(info, self.id)

    campaign = follows(PLEDGE.relations.campaign, CampaignRef, "The campaign.")
    tier = follows(PLEDGE.relations.tier, RewardTier | None, "The tier it was made at.")


@strawberry.type(
    description="One line of a campaign's patrons board: a backer (a person's creator profile "
    "or an organisation) with what they gave, or all anonymous patrons together."
)
class PatronEntry:
    creator_id: strawberry.Private[int | None]
    organisation_id: strawberry.Private[int | None]
    is_anonymous: bool = strawberry.field(
        description="The anonymous patrons, together: no name is ever shown for them."
    )
    pledge_count: int = strawberry.field(description="How many standing pledges.")
    amount: Money | None = strawberry.field(
        description="What they gave (less refunds); null when one of their pledges keeps its "
        "amount private (NAME_ONLY)."
    )

    @strawberry.field(description="The person's creator profile, if they have one.")
    async def creator(self, info: Info) -> Creator | None:
        return await load_node(info, Creator, self.creator_id)

    @strawberry.field(description="The organisation that gave.")
    async def organisation(self, info: Info) -> Organisation | None:
        return await load_node(info, Organisation, self.organisation_id)


def patrons_board(rows: Sequence[RowMapping], currency: str) -> list[PatronEntry]:
    """Group a campaign's standing pledges by backer, honouring each pledge's visibility:
    anonymous pledges are one nameless line; a backer's amount shows only if all their
    pledges show it. Largest known amounts first, then hidden amounts, anonymous last."""
    groups: dict[PatronKey, list[RowMapping]] = {}
    for row in rows:
        key = patron_of(row["visibility"], row["organisation_id"], row["backer_user_id"])
        groups.setdefault(key, []).append(row)
    entries = []
    for (kind, _key), pledges in groups.items():
        hidden = any(hides_amount(p["visibility"]) for p in pledges)
        total = sum(p["amount_minor"] - p["refunded_minor"] for p in pledges)
        first = pledges[0]
        entries.append(
            (
                (kind == "anonymous", hidden, -total if not hidden else 0, first["id"]),
                PatronEntry(
                    creator_id=first["backer_creator_id"] if kind == "person" else None,
                    organisation_id=first["organisation_id"] if kind == "organisation" else None,
                    is_anonymous=kind == "anonymous",
                    pledge_count=len(pledges),
                    amount=None if hidden else money_of(MoneyValue(total, currency)),
                ),
            )
        )
    return [entry for _order, entry in sorted(entries, key=lambda pair: pair[0])]


def _patrons_loader(info: Info) -> DataLoader[tuple[int, str], list[PatronEntry]]:
    reader = info.context.reader

    async def load(keys: Sequence[tuple[int, str]]) -> list[list[PatronEntry]]:
        ids = [key for key, _currency in keys]
        rows = await reader.rows(
            PLEDGE.select(reader.env)
            .where(
                PledgeRow.campaign_id.in_(ids),
                PledgeRow.status.in_(
                    [PledgeStatus.AUTHORIZED, PledgeStatus.CAPTURED, PledgeStatus.REFUNDED]
                ),
                PledgeRow.amount_minor > PledgeRow.refunded_minor,
            )
            .order_by(PledgeRow.id)
        )
        by_campaign: dict[int, list[RowMapping]] = {key: [] for key in ids}
        for row in rows:
            by_campaign[row["campaign_id"]].append(row)
        return [patrons_board(by_campaign[key], currency) for key, currency in keys]

    return info.context.loaders.batch("campaign_patrons", load)


@strawberry.type(
    description="A crowdfunding campaign for a joint project or for scholarship seats, whose "
    "money a fiscal host holds."
)
class Campaign(MappedNode):
    entity = CAMPAIGN

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Unique, URL-safe name.")
    title: str = strawberry.field(description="The title.")
    purpose: CampaignPurpose = strawberry.field(description="A project or scholarship seats.")
    project_id: strawberry.Private[int | None]
    programme_id: strawberry.Private[int | None]
    fiscal_host_id: strawberry.Private[int]
    goal_minor: strawberry.Private[int]
    currency: strawberry.Private[str]
    model: FundingModel = strawberry.field(description="When pledges are collected.")
    status: CampaignStatus = strawberry.field(description="Where it is in its life.")
    launch_at: datetime | None = strawberry.field(description="When it went live (UTC).")
    deadline_at: datetime | None = strawberry.field(description="When it settles (UTC).")
    story_texts: strawberry.Private[dict[str, str]]
    settled_at: datetime | None = strawberry.field(description="When it was settled (UTC).")
    created_at: datetime = strawberry.field(description="When it was created (UTC).")

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Any, required: bool = False
    ) -> list[Self | None]:
        """By global ID: a draft only for those who may edit it (else null, as for no such
        id); the drafts of a page are checked in one statement."""
        found = await super().resolve_nodes(info=info, node_ids=node_ids, required=required)
        drafts = [int(node.id) for node in found if node and node.status is CampaignStatus.DRAFT]
        principal = info.context.principal
        visible = await info.context.reader.run(
            lambda session: readable_campaigns(session, principal, drafts)
        )
        return [
            node
            if node and (node.status is not CampaignStatus.DRAFT or int(node.id) in visible)
            else None
            for node in found
        ]

    async def sees(self, info: Info) -> bool:
        """Whether the caller may read this campaign (a draft only if they may edit it)."""
        if self.status is not CampaignStatus.DRAFT:
            return True
        principal = info.context.principal
        visible = await info.context.reader.run(
            lambda session: readable_campaigns(session, principal, [int(self.id)])
        )
        return int(self.id) in visible

    @strawberry.field(description="The goal, in the campaign's currency.")
    def goal(self) -> Money:
        return money_of(MoneyValue(self.goal_minor, self.currency))

    @strawberry.field(
        description="The story in `language`, else in English, else in any language it has."
    )
    def story(
        self,
        language: Annotated[
            LanguageCode | None, strawberry.argument(description="ISO 639-1 code wanted.")
        ] = None,
    ) -> str | None:
        texts = self.story_texts
        for wanted in (language, "en"):
            if wanted is not None and wanted in texts:
                return texts[wanted]
        return next(iter(sorted(texts.items())), (None, None))[1]

    @strawberry.field(description="The story in every language it is told in.")
    def stories(self) -> list[LocalizedString]:
        return [
            LocalizedString(language=LanguageCode(code), value=text)
            for code, text in sorted(self.story_texts.items())
        ]

    @strawberry.field(
        description="What it raised, from the ledger: collected pledges less refunds, one "
        "amount per currency (never mixed)."
    )
    async def raised(self, info: Info) -> list[Money]:
        return await _money_loader(info, "campaign_raised", None).load(self.id)

    @strawberry.field(
        description="What its fiscal host holds for it, per currency: raised less fees and payouts."
    )
    async def held(self, info: Info) -> list[Money]:
        return await _money_loader(info, "campaign_held", LedgerAccount.HELD).load(self.id)

    @strawberry.field(
        description="What was paid out of it (approved expenses and payouts), per currency."
    )
    async def spent(self, info: Info) -> list[Money]:
        return await _money_loader(info, "campaign_spent", LedgerAccount.PAYEE).load(self.id)

    @strawberry.field(description="What standing pledges promise (authorised and collected).")
    async def pledged(self, info: Info) -> Money:
        total, _backers = await _pledged_loader(info).load(self.id)
        return money_of(MoneyValue(total, self.currency))

    @strawberry.field(description="How many people back it with a standing pledge.")
    async def backers_count(self, info: Info) -> int:
        _total, backers = await _pledged_loader(info).load(self.id)
        return backers

    @strawberry.field(description="Whole percent of its goal that standing pledges reach.")
    async def percent_funded(self, info: Info) -> int:
        total, _backers = await _pledged_loader(info).load(self.id)
        return total * 100 // self.goal_minor

    @strawberry.field(
        description="Its patrons board: its backers with what they gave, as each pledge's "
        "visibility allows."
    )
    async def patrons(self, info: Info) -> list[PatronEntry]:
        return await _patrons_loader(info).load((self.id, self.currency))

    @strawberry.field(description="Statuses it may move to next.")
    def allowed_transitions(self) -> list[CampaignStatus]:
        return sorted(CAMPAIGN_TRANSITIONS[self.status], key=list(CampaignStatus).index)

    project = follows(CAMPAIGN.relations.project, Project | None, "The project it funds.")
    programme = follows(
        CAMPAIGN.relations.programme, Programme | None, "The programme whose seats it funds."
    )
    fiscal_host = follows(
        CAMPAIGN.relations.fiscal_host, Organisation, "The organisation holding its money."
    )
    tiers = follows_all(CAMPAIGN.relations.tiers, list[RewardTier], "Its tiers, cheapest first.")
    pledges = follows_pages(
        CAMPAIGN.relations.pledges,
        Connection[Pledge],
        "Its standing and past pledges (not failed or withdrawn), oldest first; each shows "
        "what its visibility allows.",
    )
    expenses = follows_pages(
        CAMPAIGN.relations.expenses,
        Connection[Expense],
        "How its owners spend what it raised, oldest first: the public budget.",
    )
