"""Sending e-mail by SMTP (one connection per sweep). The Message-ID comes from the delivery's key, so a repeat is recognisable."""
from __future__ import annotations

import hashlib
import smtplib
import ssl
from contextlib import contextmanager
from contextvars import ContextVar
from email.message import EmailMessage
from email.utils import formatdate

from flask import current_app

from ivzflow.core.text import one_line


def message_id(key: str) -> str:
    domain = current_app.config["MAIL_SENDER"].rpartition("@")[2].strip(">") or "ivzflow.local"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def build(to: str, subject: str, body: str, msg_id: str, ics: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = one_line(subject)  # a line break in a header fails every retry
    message["Message-ID"] = msg_id
    message["Date"] = formatdate(localtime=False)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    if ics:
        message.add_attachment(ics.encode(), maintype="text", subtype="calendar", filename="vergadering.ics",
                               params={"method": "PUBLISH"})
    return message


_session: ContextVar[list | None] = ContextVar("ivzflow_smtp_session", default=None)


def _connect() -> smtplib.SMTP:
    config = current_app.config
    timeout = 15
    if config["MAIL_USE_SSL"]:
        server = smtplib.SMTP_SSL(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout,
                                  context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
    try:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            server.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            server.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    except BaseException:
        server.close()
        raise
    return server


@contextmanager
def session():
    """One SMTP connection for a run of messages (a sweep sends them one by one): connecting, TLS and
    login once instead of for every message. send() uses it while the block runs."""
    holder: list = []
    token = _session.set(holder)
    try:
        yield
    finally:
        _session.reset(token)
        for server in holder:
            try:
                server.quit()
            except (OSError, smtplib.SMTPException):
                server.close()


def send(message: EmailMessage) -> None:
    """Send through the configured SMTP server; raises OSError/SMTPException on failure."""
    holder = _session.get()
    if holder is None:
        with _connect() as server:
            server.send_message(message)
        return
    if not holder:
        holder.append(_connect())
    try:
        holder[0].send_message(message)
    except BaseException:
        holder.pop().close()  # a failed connection is not reused: the next message connects afresh
        raise
