"""The links in a citizen's messages: the tracking page, its short form, the preferences page.

The short link is the contract with intake, which serves the redirect:
`{public_url}/t/<the tracking code's 8 characters>` and, when the reporter has a secret,
`?k=<secret>` — e.g. `/t/7K3M9QXA?k=...` for `DK-7K3M-9QXA`. Links that let a reporter act
(rate, answer, contest) carry that secret; intake checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote, urlencode

from notify import preferences
from notify.contacts import Contact


def short_code(tracking_code: str) -> str:
    """`DK-7K3M-9QXA` → `7K3M9QXA`."""
    return tracking_code.upper().removeprefix("DK-").replace("-", "")


@dataclass(frozen=True)
class Links:
    public_url: str
    """intake: the request's tracking page (status, rating, answers)."""
    notify_url: str
    """notify: the signed page where a reporter changes how they are told."""
    secret: str
    valid_for: timedelta = timedelta(days=30)

    def tracking(self, c: Contact, language: str) -> str:
        query = {"k": c.link_token} if c.link_token else {}
        query["lang"] = language
        return f"{self.public_url.rstrip('/')}/track/{c.tracking_code}?{urlencode(query)}"

    def short(self, c: Contact) -> str:
        link = f"{self.public_url.rstrip('/')}/t/{short_code(c.tracking_code)}"
        return f"{link}?k={quote(c.link_token, safe='')}" if c.link_token else link

    def preferences(self, c: Contact, now: datetime) -> str:
        token = preferences.sign(
            c.request_id, c.reporter, now=now, secret=self.secret, valid_for=self.valid_for
        )
        return f"{self.notify_url.rstrip('/')}/preferences/{token}"

    def context(self, c: Contact, language: str, now: datetime) -> dict[str, str]:
        return {
            "status_url": self.tracking(c, language),
            "short_url": self.short(c),
            "preferences_url": self.preferences(c, now),
        }
