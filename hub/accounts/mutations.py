"""Mutations for accounts and sessions (register, confirm a registration, log in, refresh,
log out, change password) and for staff assigning creator profiles to their owners."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay

from hub.accounts import policy, registration, service
from hub.accounts.errors import AccountError, account_errors
from hub.accounts.mapping import USER
from hub.accounts.types import Viewer
from hub.api.context import Info
from hub.api.relations import load_node
from hub.api.writes import WriteResult, key_of, mutation, run_write
from hub.config import Settings
from hub.creators import service as creators
from hub.creators.types import Creator
from hub.i18n.locales import Locale


@strawberry.input(description="A new account, opened once its email is confirmed.")
class RegisterInput:
    email: str = strawberry.field(description="Your email; it is also your login.")
    password: str = strawberry.field(description="At least 10 characters.")


@strawberry.input(description="The code a registration's confirmation message carries.")
class ConfirmRegistrationInput:
    token: str = strawberry.field(description="The code from the message; it works once.")


@strawberry.input(description="An email and a password.")
class LoginInput:
    email: str = strawberry.field(description="Your login email.")
    password: str = strawberry.field(description="Your password.")


@strawberry.input(description="A refresh token to exchange for new tokens.")
class RefreshSessionInput:
    refresh_token: str = strawberry.field(description="The refresh token; it is used up.")


@strawberry.input(description="Which sessions to end.")
class LogoutInput:
    everywhere: bool = strawberry.field(
        default=False, description="End all your sessions, not only this one."
    )


@strawberry.input(description="A new password, with the current one as proof.")
class ChangePasswordInput:
    current_password: str = strawberry.field(description="The password you use now.")
    new_password: str = strawberry.field(description="At least 10 characters.")


@strawberry.input(description="The language mail to you is written in.")
class SetPreferredLanguageInput:
    language: Locale | None = strawberry.field(
        description="English, Russian or Kazakh; null goes back to the hub's default (English)."
    )


@strawberry.type(description="The outcome of setting your preferred language.")
class SetPreferredLanguagePayload:
    viewer: Viewer | None = strawberry.field(description="You, when it worked.")
    user_errors: list[AccountError] = strawberry.field(description="Why it did not work.")


@strawberry.input(description="Who owns a creator profile.")
class SetCreatorOwnerInput:
    creator_id: relay.GlobalID = strawberry.field(description="The creator profile.")
    owner_email: str | None = strawberry.field(
        description="The email of the user who owns it from now on; null releases it."
    )


@strawberry.type(
    description="A session's tokens. Send the access token as `Authorization: Bearer <token>`; "
    "exchange the refresh token with `refreshSession` before the access token expires."
)
class AuthTokens:
    access_token: str = strawberry.field(description="Short-lived, signed; for every request.")
    access_token_expires_at: datetime = strawberry.field(description="When it expires (UTC).")
    refresh_token: str = strawberry.field(description="Long-lived, single use; keep it secret.")
    refresh_token_expires_at: datetime = strawberry.field(description="When it expires (UTC).")
    token_type: str = strawberry.field(default="Bearer", description="Always `Bearer`.")


@strawberry.type(
    description="The outcome of registering. A valid input is answered the same whether or "
    "not the email has an account: a message is on its way to the address, with a code for "
    "`confirmRegistration`, or, if the address has an account, saying so."
)
class RegisterPayload:
    accepted: bool = strawberry.field(
        description="The input was valid and a message is on its way to the address."
    )
    user_errors: list[AccountError] = strawberry.field(description="Why it did not work.")


@strawberry.type(
    description="The outcome of confirming a registration, logging in or refreshing a session."
)
class SessionPayload:
    viewer: Viewer | None = strawberry.field(description="You, when it worked.")
    tokens: AuthTokens | None = strawberry.field(description="The session's tokens.")
    user_errors: list[AccountError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of logging out.")
class LogoutPayload:
    viewer: Viewer | None = strawberry.field(description="You, logged out.")
    user_errors: list[AccountError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of changing your password.")
class ChangePasswordPayload:
    viewer: Viewer | None = strawberry.field(description="You, when it worked.")
    user_errors: list[AccountError] = strawberry.field(description="Why it did not work.")


@strawberry.type(description="The outcome of setting a creator profile's owner.")
class SetCreatorOwnerPayload:
    creator: Creator | None = strawberry.field(description="The creator profile.")
    user_errors: list[AccountError] = strawberry.field(description="Why it did not work.")


async def _viewer(info: Info, user_id: int | None) -> Viewer | None:
    if user_id is None:
        return None
    row = await info.context.loaders.entity(USER).load(user_id)
    return None if row is None else Viewer.from_row(row)


async def _session_payload(
    info: Info, result: WriteResult[service.SessionTokens | service.ReusedRefreshToken]
) -> SessionPayload:
    value = result.value
    if isinstance(value, service.ReusedRefreshToken):
        errors = account_errors(value.rejection().errors)
        return SessionPayload(viewer=None, tokens=None, user_errors=errors)
    if value is None:
        return SessionPayload(
            viewer=None, tokens=None, user_errors=account_errors(result.user_errors)
        )
    tokens = AuthTokens(
        access_token=value.access.token,
        access_token_expires_at=value.access.expires_at,
        refresh_token=value.refresh.token,
        refresh_token_expires_at=value.refresh.expires_at,
    )
    return SessionPayload(viewer=await _viewer(info, value.user_id), tokens=tokens, user_errors=[])


SessionWrite = Callable[
    [AsyncSession, Settings],
    Awaitable[service.SessionTokens | service.ReusedRefreshToken],
]


async def _open_session(info: Info, input: object, write: SessionWrite) -> SessionPayload:
    """Confirm a registration, log in or refresh: the write gives tokens, the payload
    shows them."""
    settings = info.context.settings
    result = await run_write(info, lambda s: write(s, settings), entity="User", input=input)
    return await _session_payload(info, result)


@strawberry.type
class SessionMutations:
    @mutation(
        "Ask for an account: a message goes to the email, with a code for "
        "`confirmRegistration`. A valid input gets the same answer whether or not the email "
        "has an account, so nobody learns which addresses do; an address that has one is "
        "told so by mail.",
        public=True,
    )
    async def register(
        self,
        info: Info,
        input: Annotated[
            RegisterInput, strawberry.argument(description="The new account's email and password.")
        ],
    ) -> RegisterPayload:
        settings = info.context.settings
        result = await run_write(
            info,
            lambda s: registration.register(s, settings, input.email, input.password),
            entity="User",
            input=input,
        )
        if result.value is None:
            return RegisterPayload(accepted=False, user_errors=account_errors(result.user_errors))
        return RegisterPayload(accepted=True, user_errors=[])

    @mutation(
        "Open the account a registration's code was mailed for, and log in. A code that is "
        "unknown, expired or already used gives `INVALID_TOKEN`.",
        public=True,
    )
    async def confirm_registration(
        self,
        info: Info,
        input: Annotated[
            ConfirmRegistrationInput,
            strawberry.argument(description="The token from the confirmation email."),
        ],
    ) -> SessionPayload:
        return await _open_session(
            info,
            input,
            lambda s, settings: registration.confirm_registration(s, settings, input.token),
        )

    @mutation(
        "Log in. A wrong email or password gives `INVALID_CREDENTIALS` either way.", public=True
    )
    async def login(
        self,
        info: Info,
        input: Annotated[
            LoginInput, strawberry.argument(description="The account's email and password.")
        ],
    ) -> SessionPayload:
        return await _open_session(
            info, input, lambda s, settings: service.login(s, settings, input.email, input.password)
        )

    @mutation(
        "Exchange a refresh token for new tokens. A refresh token works once: using one again "
        "ends its session, in case it leaked.",
        public=True,
    )
    async def refresh_session(
        self,
        info: Info,
        input: Annotated[
            RefreshSessionInput,
            strawberry.argument(description="The refresh token the last login or refresh gave."),
        ],
    ) -> SessionPayload:
        return await _open_session(
            info,
            input,
            lambda s, settings: service.refresh_session(s, settings, input.refresh_token),
        )

    @mutation("Log out: end this session (or all of yours), with its tokens.")
    async def logout(
        self,
        info: Info,
        input: Annotated[
            LogoutInput, strawberry.argument(description="The session's refresh token.")
        ],
    ) -> LogoutPayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> int:
            user_id = policy.require_person(principal)
            if input.everywhere or principal.session_id is None:
                await service.revoke_sessions(session, user_id, keep=None)
                return user_id
            return await service.revoke_session(session, principal.session_id)

        result = await run_write(info, write, entity="User", input=input)
        return LogoutPayload(
            viewer=await _viewer(info, result.value), user_errors=account_errors(result.user_errors)
        )

    @mutation("Change your password; your other sessions end.")
    async def change_password(
        self,
        info: Info,
        input: Annotated[
            ChangePasswordInput,
            strawberry.argument(description="The current password and the new one."),
        ],
    ) -> ChangePasswordPayload:
        principal, settings = info.context.principal, info.context.settings

        async def write(session: AsyncSession) -> int:
            user_id = policy.require_person(principal)
            return await service.change_password(
                session,
                settings,
                user_id,
                principal.session_id,
                input.current_password,
                input.new_password,
            )

        result = await run_write(info, write, entity="User", input=input)
        return ChangePasswordPayload(
            viewer=await _viewer(info, result.value), user_errors=account_errors(result.user_errors)
        )

    @mutation(
        "Choose the language the hub's mail to you is written in (talent decisions, offers "
        "and the like); your own account only."
    )
    async def set_preferred_language(
        self,
        info: Info,
        input: Annotated[
            SetPreferredLanguageInput, strawberry.argument(description="The language.")
        ],
    ) -> SetPreferredLanguagePayload:
        principal = info.context.principal

        async def write(session: AsyncSession) -> int:
            user_id = policy.require_person(principal)
            return await service.set_preferred_locale(session, user_id, input.language)

        result = await run_write(info, write, entity="User", input=input)
        return SetPreferredLanguagePayload(
            viewer=await _viewer(info, result.value), user_errors=account_errors(result.user_errors)
        )

    @mutation(
        "Staff only: give a creator profile to the user it belongs to (after checking the "
        "claim), or release it."
    )
    async def set_creator_owner(
        self,
        info: Info,
        input: Annotated[
            SetCreatorOwnerInput,
            strawberry.argument(
                description="The profile and its new owner, or none to release it."
            ),
        ],
    ) -> SetCreatorOwnerPayload:
        async def write(session: AsyncSession) -> int:
            policy.require_staff(info.context.principal)
            key = key_of(input.creator_id, "Creator", "creator_id")
            owner = (
                None
                if input.owner_email is None
                else await service.user_by_email(session, input.owner_email, "owner_email")
            )
            return await creators.set_owner(session, key, owner)

        result = await run_write(info, write, entity="Creator", input=input)
        return SetCreatorOwnerPayload(
            creator=await load_node(info, Creator, result.value),
            user_errors=account_errors(result.user_errors),
        )
