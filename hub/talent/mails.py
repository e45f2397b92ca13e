"""What the Talent Factory tells applicants by mail, each in their own language.

An applicant is mailed at their profile's contact email, else their account's login. The
language is their account's preferred one (``user_account.preferred_locale``, chosen
with ``setPreferredLanguage``), else the hub's default (English). Subjects and bodies are
catalog messages (``hub/locales``), rendered when the mail is queued: the mail job sends
the finished text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.accounts.models import User
from hub.core.jobs.mail import queue_mail
from hub.core.mail import Message as Mail
from hub.creators.models import Creator
from hub.i18n.catalogs import render
from hub.i18n.locales import DEFAULT_LOCALE, Locale
from hub.i18n.messages import Message, ParamValue, _
from hub.talent.enums import ApplicationStatus


@dataclass(frozen=True)
class Recipient:
    """Where an applicant is mailed, and in which language."""

    address: str
    locale: Locale


@dataclass(frozen=True)
class Letter:
    subject: Message
    body: Message


LETTERS: dict[ApplicationStatus, Letter] = {
    ApplicationStatus.ACCEPTED: Letter(
        _("A seat in {title} is yours"),
        _(
            "You have been offered a seat in {title}.\n\n"
            "Take it up (`enrolInProgramme`) before {deadline} UTC; after that the offer "
            "expires and the seat goes to the next person on the waitlist.\n"
        ),
    ),
    ApplicationStatus.WAITLISTED: Letter(
        _("You are on the waitlist of {title}"),
        _(
            "Every seat in {title} is taken for now, so your application is on its "
            "waitlist. When a seat frees, it is offered to the people waiting in the order "
            "they joined, and you will be told by mail.\n"
        ),
    ),
    ApplicationStatus.REJECTED: Letter(
        _("Your application to {title}"),
        _(
            "Thank you for applying to {title}. Its host could not offer you a seat this "
            "time, so your application is closed. Other programmes may suit you: "
            "`recommendedProgrammes` lists the ones you can apply to.\n"
        ),
    ),
    ApplicationStatus.EXPIRED: Letter(
        _("Your offer of a seat in {title} has expired"),
        _(
            "The seat offered to you in {title} was not taken up before its deadline, so "
            "the offer has expired and the seat goes to the next person on the waitlist.\n"
        ),
    ),
    ApplicationStatus.PROGRAMME_CANCELLED: Letter(
        _("{title} is cancelled"),
        _(
            "We are sorry: {title} has been cancelled by its host, so it will not take "
            "place. Your application is closed (PROGRAMME_CANCELLED); there is nothing you "
            "need to do.\n"
        ),
    ),
}
"""The mail an applicant gets when their application enters a status."""


def letter_for(recipient: Recipient, status: ApplicationStatus, **params: ParamValue) -> Mail:
    """The mail for ``status``, written in the recipient's language."""
    letter = LETTERS[status]
    return Mail(
        to=recipient.address,
        subject=render(letter.subject.with_params(**params), recipient.locale),
        body=render(letter.body.with_params(**params), recipient.locale),
    )


def deadline_text(deadline: datetime) -> str:
    """A deadline as the mails write it (the word UTC follows it in the sentence)."""
    return f"{deadline:%Y-%m-%d %H:%M}"


async def recipients(session: AsyncSession, creator_ids: Sequence[int]) -> dict[int, Recipient]:
    """Where and in which language each applicant is mailed (those with an address), in
    one statement."""
    rows = await session.execute(
        select(Creator.id, Creator.contact_email, User.email, User.preferred_locale)
        .outerjoin(User, User.id == Creator.owner_user_id)
        .where(Creator.id.in_(list(creator_ids)))
    )
    return {
        key: Recipient(contact or login, _locale(preferred))
        for key, contact, login, preferred in rows
        if contact or login
    }


async def tell_applicant(
    session: AsyncSession, creator_id: int, status: ApplicationStatus, **params: ParamValue
) -> None:
    """Queue the mail for ``status`` to the applicant (sent after commit), if they have an
    address."""
    recipient = (await recipients(session, [creator_id])).get(creator_id)
    if recipient is not None:
        await queue_mail(session, letter_for(recipient, status, **params))


def _locale(tag: str | None) -> Locale:
    try:
        return DEFAULT_LOCALE if tag is None else Locale(tag)
    except ValueError:
        return DEFAULT_LOCALE
