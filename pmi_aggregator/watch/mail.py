"""E-mail digests over SMTP: one message per batch, its Message-ID made from the batch's key so a
mail client shows a message resent after a crash once."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from pmi_aggregator.watch.failure import DeliveryFailed
from pmi_aggregator.watch.model import Entry, Watch
from pmi_aggregator.watch.settings import SmtpSettings


def digest(watch: Watch, key: str, entries: list[Entry], sender: str) -> EmailMessage:
    """A plain-text message: crawled text is never rendered as HTML in a mail client."""
    message = EmailMessage()
    count = len(entries)
    message["Subject"] = f"pmi watch {watch.name}: {count} new article{'s' if count != 1 else ''}"
    message["From"] = sender
    message["To"] = ", ".join(watch.email)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = f"<{key}@pmi-aggregator>"
    blocks = []
    for entry in entries:
        meta = " · ".join(part for part in (entry.source, (entry.published or "")[:10]) if part)
        blocks.append(f"{' '.join(entry.title.split())}\n{meta}\n{entry.link}\n\n{entry.text}")
    message.set_content("\n\n-- \n\n".join(blocks) + "\n")
    return message


def send_digest(settings: SmtpSettings | None, watch: Watch, key: str, entries: list[Entry]) -> None:
    if settings is None:
        raise DeliveryFailed("no [watch.smtp] in the config file; add host and sender to send e-mail")
    message = digest(watch, key, entries, settings.sender)
    try:
        if settings.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.username:
                client.login(settings.username, settings.password or "")
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryFailed(f"the mail server refused {', '.join(exc.recipients)}", permanent=True) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryFailed(f"cannot send mail through {settings.host}:{settings.port}: {exc}") from None
