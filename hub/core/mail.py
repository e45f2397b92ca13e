"""Sending mail: one ``Mailer`` interface (``hub.server.mail`` picks one from settings).

``LogMailer`` (the default) writes each message to the ``hub.mail`` log, so a developer
can read confirmation codes there; ``SmtpMailer`` hands messages to an SMTP server;
``MemoryMailer`` keeps them for tests. Messages are queued as jobs in the write that
made them (``hub.core.jobs.mail``) and sent by the job runner once it has committed, so a
client never waits on SMTP nor learns from an error whether, or to whom, mail was sent.
``deliver`` sends one message now and logs a failure instead of raising it.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol

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


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to hand messages over."""

    host: str
    port: int = 587
    starttls: bool = True
    username: str | None = None
    password: str | None = field(default=None, repr=False)


class SmtpMailer:
    """Sends through an SMTP server (STARTTLS and login when configured), one
    connection per message, in a thread so the event loop never waits on the network."""

    def __init__(
        self, server: SmtpServer, sender: str, connect: SmtpConnect = smtplib.SMTP
    ) -> None:
        self._server = server
        self._sender = sender
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
        server = self._server
        with self._connect(server.host, server.port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            if server.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if server.username is not None:
                smtp.login(server.username, server.password or "")
            smtp.send_message(email)


async def deliver(mailer: Mailer, message: Message) -> None:
    """Send ``message``; a failure is logged (without the body, which may hold a secret)."""
    try:
        await mailer.send(message)
    except Exception:
        logger.exception("could not send %r to %s", message.subject, message.to)
