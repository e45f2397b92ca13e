"""Mutations for campaigns, their tiers, and pledges; every one that moves money takes an
``idempotencyKey``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Annotated, Any, TypeVar, cast

import strawberry
from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.api.context import Info
from hub.api.nodes import MappedNode
from hub.api.relations import load_node
from hub.api.scalars import LanguageCode, MoneyInput
from hub.api.writes import fields_from, key_of, mutation, optional_key_of, run_write
from hub.core.mapping import Entity
from hub.core.validation import FieldCode, Rejected
from hub.funding import campaigns, expenses, payments, pledges, policy
from hub.funding.campaigns import CampaignFields, CampaignTarget, TierFields
from hub.funding.enums import CampaignPurpose, FundingModel, PledgeVisibility, TierKind
from hub.funding.errors import FundingError, funding_errors
from hub.funding.gateway import payment_gateway
from hub.funding.idempotency import Answer, decode, remember, replayed, request_hash, snapshot
from hub.funding.mapping import CAMPAIGN, EXPENSE, PLEDGE
from hub.funding.payments import PendingCall
from hub.funding.types import Campaign, Expense, Pledge, RewardTier
from hub.i18n.messages import _

UNSET = strawberry.UNSET
KEY_DESCRIPTION = (
    "A key you make up for this request (a UUID, say), 1 to 255 characters: send the "
    "request again with the same key and it runs once, answering what it answered first."
)


@strawberry.input(description="A campaign's story in one language.")
class StoryInput:
    language: LanguageCode = strawberry.field(description="ISO 639-1 code.")
    text: str = strawberry.field(description="The story in that language.")


@strawberry.input(description="The fields of a campaign that may be left out.")
class CampaignDetailsInput:
    model: FundingModel | None = strawberry.field(
        default=UNSET, description="When pledges are collected (default ALL_OR_NOTHING)."
    )
    launch_at: datetime | None = strawberry.field(default=UNSET, description="Planned launch.")
    deadline_at: datetime | None = strawberry.field(
        default=UNSET, description="When it settles; needed to go live."
    )
    story: list[StoryInput] | None = strawberry.field(
        default=UNSET, description="Its story, in each language it is told in (all of them)."
    )


@strawberry.input(
    description="A new DRAFT campaign, for a project (`projectId`) or for scholarship seats in "
    "a programme (`programmeId`): give one of the two."
)
class CreateCampaignInput(CampaignDetailsInput):
    project_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The project it funds; you must be one of its leads."
    )
    programme_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The programme whose seats it funds; you must host it."
    )
    fiscal_host_id: relay.GlobalID = strawberry.field(
        description="The organisation that holds the money (a technopark, say)."
    )
    slug: str = strawberry.field(description="Unique, URL-safe: a-z, 0-9 and inner hyphens.")
    title: str = strawberry.field(description="The title.")
    goal: MoneyInput = strawberry.field(
        description="The goal; its currency is the campaign's (KZT, RUB, UZS, KGS, AMD, AZN, "
        "BYN, TJS, GEL, USD or EUR)."
    )


@strawberry.input(description="Changes to a campaign; goal and model only while a DRAFT.")
class UpdateCampaignInput(CampaignDetailsInput):
    id: relay.GlobalID = strawberry.field(description="The campaign.")
    slug: str | None = strawberry.field(default=UNSET, description="New slug.")
    title: str | None = strawberry.field(default=UNSET, description="New title.")
    goal: MoneyInput | None = strawberry.field(default=UNSET, description="New goal.")


@strawberry.input(description="A campaign, by its ID.")
class CampaignIdInput:
    id: relay.GlobalID = strawberry.field(description="The campaign.")


@strawberry.input(description="A campaign to pay out.")
class PayOutCampaignInput:
    idempotency_key: str = strawberry.field(description=KEY_DESCRIPTION)
    id: relay.GlobalID = strawberry.field(description="The campaign.")


@strawberry.input(description="One line of an expense.")
class ExpenseItemInput:
    description: str = strawberry.field(description="What was bought or paid for.")
    amount: MoneyInput = strawberry.field(description="How much, in the campaign's currency.")


@strawberry.input(description="An expense of a campaign that succeeded.")
class FileExpenseInput:
    campaign_id: relay.GlobalID = strawberry.field(description="The campaign.")
    title: str = strawberry.field(description="What it is for.")
    items: list[ExpenseItemInput] = strawberry.field(description="Its lines (1 to 50).")
    receipts: list[str] = strawberry.field(
        default_factory=list, description="Links to receipts (http or https, at most 20)."
    )


@strawberry.input(description="The fiscal host's approval of an expense: it is paid out.")
class ApproveExpenseInput:
    idempotency_key: str = strawberry.field(description=KEY_DESCRIPTION)
    id: relay.GlobalID = strawberry.field(description="The expense.")
    note: str = strawberry.field(default="", description="A note on the decision.")


@strawberry.input(description="The fiscal host's rejection of an expense.")
class RejectExpenseInput:
    id: relay.GlobalID = strawberry.field(description="The expense.")
    note: str = strawberry.field(default="", description="Why.")


@strawberry.type(description="The outcome of a change to an expense.")
class ExpensePayload:
    expense: Expense | None = strawberry.field(description="The expense.")
    user_errors: list[FundingError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of a change to a campaign.")
class CampaignPayload:
    campaign: Campaign | None = strawberry.field(description="The campaign.")
    user_errors: list[FundingError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="A reward tier for a draft or live campaign.")
class AddRewardTierInput:
    campaign_id: relay.GlobalID = strawberry.field(description="The campaign.")
    title: str = strawberry.field(description="Its title.")
    kind: TierKind = strawberry.field(description="Reward, no reward or seat sponsorship.")
    minimum: MoneyInput = strawberry.field(description="The least pledge, in its currency.")
    description: str = strawberry.field(default="", description="What it gives.")
    quantity_limit: int | None = strawberry.field(
        default=None, description="How many pledges it takes at most; null: no limit."
    )
    estimated_delivery: date | None = strawberry.field(
        default=None, description="When the reward is due."
    )
    programme_id: relay.GlobalID | None = strawberry.field(
        default=None, description="For a seat sponsorship: the programme whose seat it funds."
    )


@strawberry.type(description="The outcome of adding a tier.")
class RewardTierPayload:
    tier: RewardTier | None = strawberry.field(description="The new tier.")
    user_errors: list[FundingError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="A pledge to a live campaign.")
class PledgeInput:
    idempotency_key: str = strawberry.field(description=KEY_DESCRIPTION)
    campaign_id: relay.GlobalID = strawberry.field(description="The campaign.")
    amount: MoneyInput = strawberry.field(
        description="How much, in the campaign's currency (at least the tier's minimum)."
    )
    tier_id: relay.GlobalID | None = strawberry.field(default=None, description="A tier.")
    visibility: PledgeVisibility = strawberry.field(
        default=PledgeVisibility.PUBLIC, description="What the public sees of it."
    )
    message: str = strawberry.field(default="", description="A word to the campaign.")
    organisation_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Pledge on behalf of an organisation you administer."
    )


@strawberry.input(description="A pledge to withdraw.")
class CancelPledgeInput:
    idempotency_key: str = strawberry.field(description=KEY_DESCRIPTION)
    id: relay.GlobalID = strawberry.field(description="The pledge.")


@strawberry.input(description="A refund of a collected pledge.")
class RefundPledgeInput:
    idempotency_key: str = strawberry.field(description=KEY_DESCRIPTION)
    id: relay.GlobalID = strawberry.field(description="The pledge.")
    amount: MoneyInput | None = strawberry.field(
        default=None, description="How much; null refunds all that is left."
    )


@strawberry.type(
    description="The outcome of a pledge, a withdrawal or a refund. A pledge the gateway "
    "declined is kept (FAILED, with `failureReason`); one it has not answered is PENDING."
)
class PledgePayload:
    pledge: Pledge | None = strawberry.field(description="The pledge.")
    user_errors: list[FundingError] = strawberry.field(description="Why it did not work.")


def _campaign_fields(source: object) -> CampaignFields:
    story = getattr(source, "story", UNSET)
    if story is UNSET or story is None:
        return fields_from(CampaignFields, source)
    return fields_from(
        CampaignFields, source, story={entry.language: entry.text for entry in story}
    )


def _target(input: CreateCampaignInput) -> CampaignTarget:
    project = optional_key_of(input.project_id, "Project", "project_id")
    programme = optional_key_of(input.programme_id, "Programme", "programme_id")
    if (project is None) == (programme is None):
        raise Rejected.one(
            "project_id",
            FieldCode.INVALID,
            _("Give either a project or a programme, not both or neither."),
        )
    if project is not None:
        return CampaignTarget(CampaignPurpose.PROJECT, project_id=project)
    return CampaignTarget(CampaignPurpose.SCHOLARSHIP, programme_id=programme)


async def _campaign(info: Info, key: int | None, errors: list[FundingError]) -> CampaignPayload:
    return CampaignPayload(campaign=await load_node(info, Campaign, key), user_errors=errors)


async def _once(
    info: Info,
    session: AsyncSession,
    key: str,
    parts: tuple[object, ...],
    entity: Entity[Any],
    run: Callable[[], Awaitable[int]],
) -> Answer:
    """Run a money write once per idempotency key (``hub.funding.idempotency``): the first
    run's answer is the written object's snapshot, which later runs answer again."""
    scope = _scope(info)
    ttl = timedelta(seconds=info.context.settings.idempotency_ttl)
    digest = request_hash(info.field_name, *parts)
    first = await replayed(session, scope, key, digest, ttl)
    if first is not None:
        return first
    value = await run()
    answer = Answer(value, await snapshot(session, entity, info.context.reader.env, value))
    await remember(session, scope, key, answer)
    return answer


def _scope(info: Info) -> str:
    return f"funding:{info.context.principal.rate_limit_key}"


async def _answer_later(
    info: Info, calls: list[PendingCall], key: str, answer: Answer | None
) -> Answer | None:
    """Send the gateway calls a committed write recorded, with no transaction open, each
    answer applied in a short transaction of its own, then renew the key's snapshot. A
    crash in between leaves the calls UNKNOWN for ``hub funding reconcile``."""
    if answer is None or not calls:
        return answer
    transactions = payments.transactions_on(info.context.session)
    try:
        await payments.complete(transactions, payment_gateway(transactions), calls)
        async with transactions() as session:
            env = info.context.reader.env
            fresh = Answer(answer.audit_key, await snapshot(session, PLEDGE, env, answer.audit_key))
            await remember(session, _scope(info), key, fresh)
    finally:
        info.context.loaders.clear()
    return fresh


async def _answered(info: Info, node_type: type[N], answer: Answer | None) -> N | None:
    """The object a money write answered: as its snapshot, the same on every replay."""
    if answer is None:
        return None
    if answer.snapshot is None:
        return await load_node(info, node_type, answer.audit_key)
    row = decode(node_type.entity, info.context.reader.env, answer.snapshot)
    return node_type.from_row(cast("RowMapping", row))


N = TypeVar("N", bound=MappedNode)


def _money_parts(money: MoneyInput | None) -> tuple[object, ...]:
    return (None, None) if money is None else (str(money.amount), str(money.currency_code))


@strawberry.type
class FundingMutations:
    @mutation(
        "Create a DRAFT campaign for a project you lead, or for seats in a programme you host."
    )
    async def create_campaign(
        self,
        info: Info,
        input: Annotated[CreateCampaignInput, strawberry.argument(description="The campaign.")],
    ) -> CampaignPayload:
        async def write(session: AsyncSession) -> int:
            target = _target(input)
            host = key_of(input.fiscal_host_id, "Organisation", "fiscal_host_id")
            await policy.require_target_owner(session, info.context.principal, target)
            owner = info.context.principal.user_id
            return await campaigns.create_campaign(
                session, target, host, owner, _campaign_fields(input)
            )

        result = await run_write(info, write, entity="Campaign", input=input)
        return await _campaign(info, result.value, funding_errors(result.user_errors))

    @mutation("Change a campaign: its owners. Goal, currency and model are frozen once live.")
    async def update_campaign(
        self,
        info: Info,
        input: Annotated[UpdateCampaignInput, strawberry.argument(description="The changes.")],
    ) -> CampaignPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Campaign", "id")
            await policy.require_campaign_owner(session, info.context.principal, key)
            return await campaigns.update_campaign(session, key, _campaign_fields(input))

        result = await run_write(info, write, entity="Campaign", input=input)
        return await _campaign(info, result.value, funding_errors(result.user_errors))

    @mutation("Add a reward tier to a draft or live campaign: its owners.")
    async def add_reward_tier(
        self,
        info: Info,
        input: Annotated[AddRewardTierInput, strawberry.argument(description="The tier.")],
    ) -> RewardTierPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.campaign_id, "Campaign", "campaign_id")
            await policy.require_campaign_owner(session, info.context.principal, key)
            fields = TierFields(
                title=input.title,
                kind=input.kind,
                minimum=input.minimum,
                description=input.description,
                quantity_limit=input.quantity_limit,
                estimated_delivery=input.estimated_delivery,
                programme_id=optional_key_of(input.programme_id, "Programme", "programme_id"),
            )
            return await campaigns.add_tier(session, key, fields)

        result = await run_write(info, write, entity="RewardTier", input=input)
        return RewardTierPayload(
            tier=await load_node(info, RewardTier, result.value),
            user_errors=funding_errors(result.user_errors),
        )

    @mutation("Take a DRAFT campaign LIVE (it needs a tier and a deadline ahead): its owners.")
    async def launch_campaign(
        self,
        info: Info,
        input: Annotated[CampaignIdInput, strawberry.argument(description="The campaign.")],
    ) -> CampaignPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Campaign", "id")
            await policy.require_campaign_owner(session, info.context.principal, key)
            rate = info.context.settings.platform_fee_basis_points
            return await campaigns.launch_campaign(session, key, platform_fee_basis_points=rate)

        result = await run_write(info, write, entity="Campaign", input=input)
        return await _campaign(info, result.value, funding_errors(result.user_errors))

    @mutation("Cancel a LIVE campaign, voiding its pledges: its owners.")
    async def cancel_campaign(
        self,
        info: Info,
        input: Annotated[CampaignIdInput, strawberry.argument(description="The campaign.")],
    ) -> CampaignPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Campaign", "id")
            await policy.require_campaign_owner(session, info.context.principal, key)
            return await campaigns.cancel_campaign(session, key, later)

        # The voids are sent once the cancellation has committed, outside its transaction.
        later: list[PendingCall] = []
        result = await run_write(info, write, entity="Campaign", input=input)
        if later:
            transactions = payments.transactions_on(info.context.session)
            try:
                await payments.complete(transactions, payment_gateway(transactions), later)
            finally:
                info.context.loaders.clear()
        return await _campaign(info, result.value, funding_errors(result.user_errors))

    @mutation("Suspend a LIVE campaign (moderation): staff only.")
    async def suspend_campaign(
        self,
        info: Info,
        input: Annotated[CampaignIdInput, strawberry.argument(description="The campaign.")],
    ) -> CampaignPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Campaign", "id")
            policy.require_moderator(info.context.principal)
            return await campaigns.suspend_campaign(session, key)

        result = await run_write(info, write, entity="Campaign", input=input)
        return await _campaign(info, result.value, funding_errors(result.user_errors))

    @mutation("Resume a SUSPENDED campaign: staff only. Past its deadline, it settles at once.")
    async def resume_campaign(
        self,
        info: Info,
        input: Annotated[CampaignIdInput, strawberry.argument(description="The campaign.")],
    ) -> CampaignPayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Campaign", "id")
            policy.require_moderator(info.context.principal)
            return await campaigns.resume_campaign(session, key)

        result = await run_write(info, write, entity="Campaign", input=input)
        return await _campaign(info, result.value, funding_errors(result.user_errors))

    @mutation(
        "Pay out a SUCCEEDED campaign: what its fiscal host holds for it goes to its owners, "
        "booked in the ledger. The fiscal host's admins; runs once per `idempotencyKey`."
    )
    async def pay_out_campaign(
        self,
        info: Info,
        input: Annotated[PayOutCampaignInput, strawberry.argument(description="The campaign.")],
    ) -> CampaignPayload:
        async def write(session: AsyncSession) -> Answer:
            key = key_of(input.id, "Campaign", "id")
            await policy.require_fiscal_host(session, info.context.principal, key)
            return await _once(
                info,
                session,
                input.idempotency_key,
                (key,),
                CAMPAIGN,
                lambda: campaigns.pay_out_campaign(session, key),
            )

        result = await run_write(info, write, entity="Campaign", input=input)
        return CampaignPayload(
            campaign=await _answered(info, Campaign, result.value),
            user_errors=funding_errors(result.user_errors),
        )

    @mutation("File an expense of a campaign that succeeded: its owners.")
    async def file_expense(
        self,
        info: Info,
        input: Annotated[FileExpenseInput, strawberry.argument(description="The expense.")],
    ) -> ExpensePayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.campaign_id, "Campaign", "campaign_id")
            await policy.require_campaign_owner(session, info.context.principal, key)
            fields = expenses.ExpenseFields(
                title=input.title,
                items=[expenses.ExpenseItem(item.description, item.amount) for item in input.items],
                receipts=input.receipts,
            )
            return await expenses.file_expense(session, key, info.context.principal.user_id, fields)

        result = await run_write(info, write, entity="Expense", input=input)
        return ExpensePayload(
            expense=await load_node(info, Expense, result.value),
            user_errors=funding_errors(result.user_errors),
        )

    @mutation(
        "Approve an expense and pay it out of what the host holds: the fiscal host's admins. "
        "Runs once per `idempotencyKey`."
    )
    async def approve_expense(
        self,
        info: Info,
        input: Annotated[ApproveExpenseInput, strawberry.argument(description="The expense.")],
    ) -> ExpensePayload:
        async def write(session: AsyncSession) -> Answer:
            key = key_of(input.id, "Expense", "id")
            await policy.require_expense_decider(session, info.context.principal, key)
            return await _once(
                info,
                session,
                input.idempotency_key,
                (key, input.note),
                EXPENSE,
                lambda: expenses.approve_expense(session, key, input.note),
            )

        result = await run_write(info, write, entity="Expense", input=input)
        return ExpensePayload(
            expense=await _answered(info, Expense, result.value),
            user_errors=funding_errors(result.user_errors),
        )

    @mutation("Reject an expense: the fiscal host's admins.")
    async def reject_expense(
        self,
        info: Info,
        input: Annotated[RejectExpenseInput, strawberry.argument(description="The expense.")],
    ) -> ExpensePayload:
        async def write(session: AsyncSession) -> int:
            key = key_of(input.id, "Expense", "id")
            await policy.require_expense_decider(session, info.context.principal, key)
            return await expenses.reject_expense(session, key, input.note)

        result = await run_write(info, write, entity="Expense", input=input)
        return ExpensePayload(
            expense=await load_node(info, Expense, result.value),
            user_errors=funding_errors(result.user_errors),
        )

    @mutation(
        "Pledge to a live campaign, for yourself or an organisation you administer; the payment "
        "is authorised now and collected if the campaign succeeds. Runs once per "
        "`idempotencyKey`."
    )
    async def pledge(
        self,
        info: Info,
        input: Annotated[PledgeInput, strawberry.argument(description="The pledge.")],
    ) -> PledgePayload:
        async def write(session: AsyncSession) -> Answer:
            campaign = key_of(input.campaign_id, "Campaign", "campaign_id")
            tier = optional_key_of(input.tier_id, "RewardTier", "tier_id")
            organisation = optional_key_of(input.organisation_id, "Organisation", "organisation_id")
            backer = await policy.require_backer(session, info.context.principal, organisation)
            fields = pledges.PledgeFields(
                campaign_id=campaign,
                amount=input.amount,
                visibility=input.visibility,
                tier_id=tier,
                organisation_id=organisation,
                message=input.message,
            )
            parts = (campaign, tier, organisation, *_money_parts(input.amount))
            parts += (input.visibility.value, input.message)
            return await _once(
                info,
                session,
                input.idempotency_key,
                parts,
                PLEDGE,
                lambda: pledges.make_pledge(session, backer, fields, later),
            )

        # The pledge and its gateway call commit first; the gateway is asked after, with
        # no transaction open (no row lock or pooled connection held while it answers).
        later: list[PendingCall] = []
        result = await run_write(info, write, entity="Pledge", input=input)
        answer = await _answer_later(info, later, input.idempotency_key, result.value)
        return PledgePayload(
            pledge=await _answered(info, Pledge, answer),
            user_errors=funding_errors(result.user_errors),
        )

    @mutation(
        "Withdraw your authorised pledge while the campaign is live. Runs once per "
        "`idempotencyKey`."
    )
    async def cancel_pledge(
        self,
        info: Info,
        input: Annotated[CancelPledgeInput, strawberry.argument(description="The pledge.")],
    ) -> PledgePayload:
        async def write(session: AsyncSession) -> Answer:
            key = key_of(input.id, "Pledge", "id")
            await policy.require_own_pledge(session, info.context.principal, key)
            return await _once(
                info,
                session,
                input.idempotency_key,
                (key,),
                PLEDGE,
                lambda: pledges.cancel_pledge(session, key, later),
            )

        later: list[PendingCall] = []
        result = await run_write(info, write, entity="Pledge", input=input)
        answer = await _answer_later(info, later, input.idempotency_key, result.value)
        return PledgePayload(
            pledge=await _answered(info, Pledge, answer),
            user_errors=funding_errors(result.user_errors),
        )

    @mutation(
        "Refund a collected pledge, in full or in part: the fiscal host's admins. Runs once "
        "per `idempotencyKey`."
    )
    async def refund_pledge(
        self,
        info: Info,
        input: Annotated[RefundPledgeInput, strawberry.argument(description="The refund.")],
    ) -> PledgePayload:
        async def write(session: AsyncSession) -> Answer:
            key = key_of(input.id, "Pledge", "id")
            await policy.require_refunder(session, info.context.principal, key)
            return await _once(
                info,
                session,
                input.idempotency_key,
                (key, *_money_parts(input.amount)),
                PLEDGE,
                lambda: pledges.refund_pledge(session, key, input.amount, later),
            )

        later: list[PendingCall] = []
        result = await run_write(info, write, entity="Pledge", input=input)
        answer = await _answer_later(info, later, input.idempotency_key, result.value)
        return PledgePayload(
            pledge=await _answered(info, Pledge, answer),
            user_errors=funding_errors(result.user_errors),
        )
