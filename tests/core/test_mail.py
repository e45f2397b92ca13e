"""Sending mail: the backend the settings name, and failures that stay in the log."""

from __future__ import annotations

import logging
from email.message import EmailMessage

import pytest
from pydantic import ValidationError

from hub.config import Settings
from hub.core.mail import LogMailer, MemoryMailer, Message, SmtpMailer, SmtpServer, deliver
from hub.server.mail import mailer_for

MESSAGE = Message(to="aigerim@example.kz", subject="Your code", body="The code:\n\n    abc123\n")


class FakeSmtp:
    """Stands in for ``smtplib.SMTP``: remembers what was asked of it."""

    def __init__(self, host: str, port: int, *, timeout: float) -> None:
        self.address = (host, port, timeout)
        self.calls: list[str] = []
        self.sent: list[EmailMessage] = []

    def __enter__(self) -> FakeSmtp:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.calls.append("quit")

    def starttls(self, context: object) -> None:
        self.calls.append("starttls")

    def login(self, username: str, password: str) -> None:
        self.calls.append(f"login {username} {password}")

    def send_message(self, email: EmailMessage) -> None:
        self.calls.append("send")
        self.sent.append(email)


class FakeServer:
    """Opens ``FakeSmtp`` connections and keeps them, in order."""

    def __init__(self) -> None:
        self.opened: list[FakeSmtp] = []

    def __call__(self, host: str, port: int, *, timeout: float) -> FakeSmtp:
        self.opened.append(FakeSmtp(host, port, timeout=timeout))
        return self.opened[-1]


@pytest.fixture
def smtp() -> FakeServer:
    return FakeServer()


async def test_the_log_mailer_writes_the_whole_message_as_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="hub.mail"):
        await LogMailer().send(MESSAGE)
    [record] = caplog.records
    assert (record.name, record.levelno) == ("hub.mail", logging.WARNING)
    assert "aigerim@example.kz" in record.getMessage()
    assert "abc123" in record.getMessage()


async def test_the_smtp_mailer_starts_tls_logs_in_and_sends_from_its_sender(smtp):
    server = SmtpServer("mail.example.kz", 2525, username="hub", password="mail secret")
    await SmtpMailer(server, "Hub <hub@example.kz>", connect=smtp).send(MESSAGE)
    [connection] = smtp.opened
    assert connection.address[:2] == ("mail.example.kz", 2525)
    assert connection.calls == ["starttls", "login hub mail secret", "send", "quit"]
    [email] = connection.sent
    assert (email["From"], email["To"], email["Subject"]) == (
        "Hub <hub@example.kz>",
        "aigerim@example.kz",
        "Your code",
    )
    assert "abc123" in email.get_content()


async def test_the_smtp_mailer_skips_tls_and_login_when_not_asked(smtp):
    server = SmtpServer("localhost", starttls=False)
    await SmtpMailer(server, "hub@localhost", connect=smtp).send(MESSAGE)
    assert smtp.opened[0].calls == ["send", "quit"]


def test_the_smtp_password_stays_out_of_reprs():
    server = SmtpServer("localhost", username="hub", password="mail secret")
    assert "mail secret" not in repr(server)


def test_the_settings_choose_the_log_unless_smtp_is_configured():
    assert isinstance(mailer_for(Settings()), LogMailer)
    smtp = Settings(
        mail_backend="smtp",
        smtp_host="mail.example.kz",
        smtp_username="hub",
        smtp_password="mail secret",
    )
    assert isinstance(mailer_for(smtp), SmtpMailer)


def test_the_smtp_backend_needs_a_host():
    with pytest.raises(ValidationError, match="HUB_SMTP_HOST"):
        Settings(mail_backend="smtp", smtp_host="")


def test_mail_to_the_log_in_production_is_warned_about(caplog):
    production = Settings(environment="production", jwt_secret="x" * 32)
    with caplog.at_level(logging.WARNING, logger="hub.mail"):
        assert isinstance(mailer_for(production), LogMailer)
    assert "HUB_MAIL_BACKEND=smtp" in caplog.text


class _Broken:
    async def send(self, message: Message) -> None:
        raise OSError("connection refused")


async def test_a_failed_delivery_is_logged_without_the_body_and_not_raised(caplog):
    with caplog.at_level(logging.ERROR, logger="hub.mail"):
        await deliver(_Broken(), MESSAGE)
    [record] = caplog.records
    assert "aigerim@example.kz" in record.getMessage()
    assert "abc123" not in record.getMessage()


async def test_the_memory_mailer_keeps_messages_in_order():
    mailer = MemoryMailer()
    second = Message(to="b@example.org", subject="Second", body="")
    await deliver(mailer, MESSAGE)
    await deliver(mailer, second)
    assert mailer.messages == [MESSAGE, second]
