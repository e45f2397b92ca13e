"""The mailer the settings name (``HUB_MAIL_BACKEND``), for the GraphQL endpoint."""

from __future__ import annotations

import logging

from hub.config import Settings
from hub.core.mail import LogMailer, Mailer, SmtpMailer, SmtpServer

logger = logging.getLogger("hub.mail")


def mailer_for(settings: Settings) -> Mailer:
    if settings.mail_backend == "smtp":
        assert settings.smtp_host is not None, "Settings require a host for smtp"
        password = settings.smtp_password
        server = SmtpServer(
            host=settings.smtp_host,
            port=settings.smtp_port,
            starttls=settings.smtp_starttls,
            username=settings.smtp_username,
            password=password.get_secret_value() if password is not None else None,
        )
        return SmtpMailer(server, settings.mail_from)
    if settings.environment == "production":
        logger.warning(
            "HUB_MAIL_BACKEND=log in production: mail, confirmation codes included, goes to "
            "the log and reaches nobody. Set HUB_MAIL_BACKEND=smtp and HUB_SMTP_HOST."
        )
    return LogMailer()
