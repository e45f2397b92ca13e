"""Sending mail: one ``Mailer`` interface, chosen by ``HUB_MAIL_BACKEND``.

``LogMailer`` (the default) writes each message to the ``hub.mail`` log, so a developer
can read confirmation codes there; ``SmtpMailer`` hands messages to an SMTP server;
``MemoryMailer`` keeps them for tests. Messages go out after the write that made them
has committed, through ``deliver``, which logs a failure instead of raising it: a
client never learns from an error whether, or to whom, mail was sent.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol

from hub.config import Settings

logger = logging.getLogger("hub.mail")

SMTP_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Message:
    """A plain-text email to one address."""

    to: str
    subject: str
    body: str


class Mailer(Protocol):
    async def send(self, message: Message) -> None: ...


class LogMailer:
    """Writes messages to the log instead of sending them: for development."""

    async def send(self, message: Message) -> None:
        logger.warning(
            "Mail not sent (HUB_MAIL_BACKEND=log) to %s: %s\n%s",
            message.to,
            message.subject,
            message.body,
        )


@dataclass
class MemoryMailer:
    """Keeps every message in ``messages``, oldest first: for tests."""

    messages: list[Message] = field(default_factory=list)

    async def send(self, message: Message) -> None:
        self.messages.append(message)


class SmtpConnect(Protocol):
    """Opens an SMTP connection: ``smtplib.SMTP``, or a stand-in in tests."""

    def __call__(self, host: str, port: int, *, timeout: float) -> smtplib.SMTP: ...


class SmtpMailer:
    """Sends through an SMTP server (STARTTLS and login when configured), one
    connection per message, in a thread so the event loop never waits on the network."""

    def __init__(self, settings: Settings, connect: SmtpConnect = smtplib.SMTP) -> None:
        if settings.smtp_host is None:
            raise ValueError("SmtpMailer needs HUB_SMTP_HOST.")
        self._host = settings.smtp_host
        self._port = settings.smtp_port
        self._starttls = settings.smtp_starttls
        self._username = settings.smtp_username
        self._password = settings.smtp_password
        self._sender = settings.mail_from
        self._connect = connect

    async def send(self, message: Message) -> None:
        await asyncio.to_thread(self._send, self._email(message))

    def _email(self, message: Message) -> EmailMessage:
        email = EmailMessage()
        email["From"] = self._sender
        email["To"] = message.to
        email["Subject"] = message.subject
        email.set_content(message.body)
        return email

    def _send(self, email: EmailMessage) -> None:
        with self._connect(self._host, self._port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            if self._starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self._username is not None:
                password = self._password.get_secret_value() if self._password else ""
                smtp.login(self._username, password)
            smtp.send_message(email)


def mailer_for(settings: Settings) -> Mailer:
    """The mailer ``HUB_MAIL_BACKEND`` names."""
    if settings.mail_backend == "smtp":
        return SmtpMailer(settings)
    if settings.environment == "production":
        logger.warning(
            "HUB_MAIL_BACKEND=log in production: mail, confirmation codes included, goes to "
            "the log and reaches nobody. Set HUB_MAIL_BACKEND=smtp and HUB_SMTP_HOST."
        )
    return LogMailer()


async def deliver(mailer: Mailer, message: Message) -> None:
    """Send ``message``; a failure is logged (without the body, which may hold a secret)."""
    try:
        await mailer.send(message)
    except Exception:
        logger.exception("could not send %r to %s", message.subject, message.to)
