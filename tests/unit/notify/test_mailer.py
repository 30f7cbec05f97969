from __future__ import annotations

import uuid

from notify.channels import Outgoing
from notify.mailer import compose

NOTIFICATION_ID = uuid.UUID("3f0d3c1e-8a47-5b7e-9c21-4e6f0a2b1d99")


def email(**overrides: str) -> Outgoing:
    fields = {"to": "siti@example.org", "subject": "Permintaan DK-7K3M-9QXA", "body": "Halo\n"}
    fields.update(overrides)
    return Outgoing(NOTIFICATION_ID, "email", **fields)


def test_message_id_comes_from_the_notification_id_so_a_resend_is_recognisable() -> None:
    message = compose(email(), sender="Dekat <no-reply@dekat.local>")

    assert message["Message-ID"] == f"<{NOTIFICATION_ID}@dekat.local>"


def test_the_mail_goes_from_dekat_to_the_citizen_with_the_rendered_text() -> None:
    message = compose(email(), sender="Dekat <no-reply@dekat.local>")

    assert (message["From"], message["To"], message["Subject"]) == (
        "Dekat <no-reply@dekat.local>",
        "siti@example.org",
        "Permintaan DK-7K3M-9QXA",
    )
    assert message.get_content() == "Halo\n"
