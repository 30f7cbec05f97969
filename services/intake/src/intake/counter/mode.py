"""The portal in counter mode: while a counter's staff member is signed in, what the portal takes is
taken at that counter, by them (origin `counter`, the counter as `source`, `taken_by` the username)."""

from __future__ import annotations

from dataclasses import replace

from fastapi import Request

from intake.counter.access import AtCounter, at_counter
from intake.drafts import Draft
from intake.submissions import Submission


def taken_at(s: Submission, desk: AtCounter | None) -> Submission:
    """The submission as the counter took it; unchanged when nobody is signed in at a counter."""
    if desk is None:
        return s
    return replace(s, channel="counter", source=desk.counter.id, taken_by=desk.username)


async def at_the_desk(draft: Draft, request: Request) -> Draft:
    """The portal's draft, as taken at the counter of whoever is signed in on this browser."""
    if draft.submission is None:
        return draft
    return replace(draft, submission=taken_at(draft.submission, await at_counter(request)))
