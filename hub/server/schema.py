"""The root schema: every domain's queries and mutations, and the error policy."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry import relay
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.relay.types import GlobalIDValueError
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.base import StrawberryObjectDefinition

from hub.accounts.key_mutations import ApiKeyMutations
from hub.accounts.mutations import SessionMutations
from hub.accounts.queries import AccountQueries
from hub.accounts.team_mutations import TeamMutations
from hub.api.binding import MappingRegistry
from hub.api.context import Info
from hub.api.error_codes import CodeValidationErrors, code_input_errors
from hub.api.errors import RequestErrorCode
from hub.api.global_ids import find_nodes
from hub.api.limits.queries import RateLimitQueries
from hub.api.nul_characters import RefuseNulCharacters
from hub.api.scalars import SCALAR_MAP
from hub.collaboration.queries import CollaborationQueries
from hub.config import Settings
from hub.core.outage import describe
from hub.countries.queries import CountryQueries
from hub.creators.mutations import CreatorMutations
from hub.creators.queries import CreatorQueries
from hub.disciplines.queries import DisciplineQueries
from hub.funding.mutations import FundingMutations
from hub.funding.patron_queries import PatronQueries
from hub.funding.queries import FundingQueries
from hub.funding.sponsorship_mutations import SponsorshipMutations
from hub.funding.subscriptions import FundingSubscriptions
from hub.matching.queries import MatchingQueries
from hub.matching.talent_queries import TalentMatchingQueries
from hub.organisations.mutations import OrganisationMutations
from hub.organisations.queries import OrganisationQueries
from hub.projects.mutations import ProjectMutations
from hub.projects.queries import ProjectQueries
from hub.projects.subscriptions import ProjectSubscriptions
from hub.server.unavailable import unavailable_code, unavailable_error
from hub.talent.credentials.mutations import CredentialMutations
from hub.talent.credentials.queries import CredentialQueries
from hub.talent.mentoring.mutations import MentoringMutations
from hub.talent.mentoring.queries import MentoringQueries
from hub.talent.mutations import TalentMutations
from hub.talent.queries import TalentQueries
from hub.talent.reach_queries import ReachQueries

logger = logging.getLogger("hub.errors")

DOCUMENT_CACHE_SIZE = 1024


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Any object, by its global ID; null if it names nothing.")
    async def node(
        self,
        info: Info,
        id: Annotated[relay.GlobalID, strawberry.argument(description="A global ID.")],
    ) -> relay.Node | None:
        (node,) = await find_nodes(info, [id], "id")
        return node

    @strawberry.field(
        description="Several objects by their global IDs, in the same order; null for "
        "IDs that name nothing."
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[list[relay.GlobalID], strawberry.argument(description="Global IDs.")],
    ) -> list[relay.Node | None]:
        return await find_nodes(info, ids, "ids")


@strawberry.type(
    description="Everything that can be read: the creative-industries graph of the CIS."
)
class Query(
    NodeQueries,
    CountryQueries,
    DisciplineQueries,
    CreatorQueries,
    OrganisationQueries,
    ProjectQueries,
    TalentQueries,
    FundingQueries,
    PatronQueries,
    ReachQueries,
    CollaborationQueries,
    MatchingQueries,
    TalentMatchingQueries,
    MentoringQueries,
    CredentialQueries,
    RateLimitQueries,
    AccountQueries,
):
    pass


@strawberry.type(
    description="Everything that can be changed. All but `register`, `confirmRegistration`, "
    "`login` and `refreshSession` need an access token or an API key."
)
class Mutation(
    CreatorMutations,
    OrganisationMutations,
    ProjectMutations,
    TalentMutations,
    FundingMutations,
    SponsorshipMutations,
    SessionMutations,
    TeamMutations,
    ApiKeyMutations,
    MentoringMutations,
    CredentialMutations,
):
    pass


@strawberry.type(description="Live updates, over WebSocket (`graphql-transport-ws`).")
class Subscription(FundingSubscriptions, ProjectSubscriptions):
    pass


_SAFE_ERRORS = (GraphQLError, GlobalIDValueError)


def is_unexpected(error: GraphQLError) -> bool:
    """Errors the API raised on purpose are shown; anything else is a bug to hide.

    Request errors (no ``path``: parsing, validation, variable coercion) describe the
    client's input, including a scalar's own parse message, and are always shown; only
    an exception escaping a resolver can carry internals.
    """
    original = error.original_error
    if error.path is None:
        return False
    return original is not None and not isinstance(original, _SAFE_ERRORS)


def is_after_commit(error: GraphQLError, context: object) -> bool:
    """Whether ``error`` arose under a mutation field whose write had already committed."""
    committed: set[str] = getattr(context, "committed_fields", set())
    return error.path is not None and bool(error.path) and str(error.path[0]) in committed


WRITE_COMMITTED_MESSAGE = (
    "The change was made, but its result could not be read back (request id {request_id}). "
    "Do not repeat it: read the object again instead."
)


class MaskUnexpectedErrors(MaskErrors):
    """Replace unexpected errors with a request id and a code; details go to the log only.

    The code says what a client can do: ``WRITE_COMMITTED`` when the write under the
    error committed (never repeat it), ``SERVICE_UNAVAILABLE`` or ``OVERLOADED`` when the
    database could not serve it (retry later), ``INTERNAL_SERVER_ERROR`` otherwise. The
    masked error keeps its original exception, for the endpoint's outage log; clients
    never see it.
    """

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        context = self.execution_context.context
        request_id = getattr(context, "request_id", "unknown")
        extensions: dict[str, Any] = {"requestId": request_id}
        original = error.original_error
        code = None if original is None else unavailable_code(original)
        if is_after_commit(error, context):
            message = WRITE_COMMITTED_MESSAGE.format(request_id=request_id)
            extensions |= {"code": RequestErrorCode.WRITE_COMMITTED.value, "committed": True}
        elif code is not None:
            message = unavailable_error(code, request_id)["message"]
            extensions["code"] = code.value
        else:
            message = f"Internal server error (request id {request_id})."
            extensions["code"] = RequestErrorCode.INTERNAL_SERVER_ERROR.value
        return GraphQLError(
            message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=original,
            extensions={"code": extensions.pop("code"), **extensions},
        )


class HubSchema(strawberry.Schema):
    """Logs only what went wrong unexpectedly; refusals the API made on purpose are quiet.

    ``mapping`` binds every mapped type the schema serves to its entity, built here from
    the schema's own types rather than filled in by imports. Every error a client's input
    caused leaves with a code (``hub.api.error_codes``).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mapping = MappingRegistry.of_types(
            concrete.definition.origin
            for concrete in self.schema_converter.type_map.values()
            if isinstance(concrete.definition, StrawberryObjectDefinition)
        )

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute(*args, **kwargs)
        code_input_errors(result.errors or ())
        return result

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        context = getattr(execution_context, "context", None)
        request_id = getattr(context, "request_id", "unknown")
        for error in errors:
            if not is_unexpected(error):
                continue
            # An unreachable database is logged once per outage by the endpoint.
            original = error.original_error
            is_outage = original is not None and unavailable_code(original) is not None
            if is_after_commit(error, context):
                logger.warning(
                    "request %s committed its write at %s but could not answer it: %s",
                    request_id,
                    error.path,
                    describe(original) if original is not None else "",
                    exc_info=None if is_outage else original,
                )
            elif not is_outage:
                logger.error(
                    "unexpected error in request %s at %s",
                    request_id,
                    error.path,
                    exc_info=error.original_error,
                )


def build_schema(settings: Settings) -> HubSchema:
    return _schema(introspection=settings.introspection)


@functools.cache
def _schema(*, introspection: bool) -> HubSchema:
    """One schema per configuration and process: building it is not free."""
    # Clients send the same few documents over and over: parse and validate each once.
    # Bounded, so unique documents sent on purpose cannot grow memory.
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        MaskUnexpectedErrors,
        CodeValidationErrors,
        RefuseNulCharacters,
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    return HubSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
    )
