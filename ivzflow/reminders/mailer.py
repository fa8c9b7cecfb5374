"""Sending one e-mail by SMTP. The Message-ID comes from the delivery's key, so a repeat is recognisable."""
from __future__ import annotations

import hashlib
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app


def message_id(key: str) -> str:
    domain = current_app.config["MAIL_SENDER"].rpartition("@")[2].strip(">") or "ivzflow.local"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def build(to: str, subject: str, body: str, msg_id: str, ics: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = msg_id
    message["Date"] = formatdate(localtime=False)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    if ics:
        message.add_attachment(ics.encode(), maintype="text", subtype="calendar", filename="vergadering.ics",
                               params={"method": "PUBLISH"})
    return message


def send(message: EmailMessage) -> None:
    """Send through the configured SMTP server; raises OSError/SMTPException on failure."""
    config = current_app.config
    timeout = 15
    if config["MAIL_USE_SSL"]:
        server = smtplib.SMTP_SSL(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout,
                                  context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
    with server:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            server.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            server.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        server.send_message(message)
