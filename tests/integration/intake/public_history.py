"""The seeded history behind the projection's tests: three agencies, 37 requests, 35 survey answers,
every figure of which the tests work out by hand (times in Jakarta, the week of 16 November 2026).

- Dinas Bina Marga (government), 32 requests, all in Kelurahan Menteng:
  - A, 15 on Monday 9:00: assigned 9:06, acknowledged 11:00 (1.9 working hours, by its 13:06
    deadline), resolved 18:00 (7 working hours from 9:00, by its deadline); one reopened on Tuesday;
  - B, 15 on Tuesday 9:00: acknowledged 15:00 (5.9 h, after 13:06: late), resolved Wednesday 15:00
    (7 + 7 = 14 h, after Wednesday 1:06: late);
  - C, 2 on Wednesday 9:00: never acknowledged nor resolved, both escalated at 14:00.
- PAM Jaya (utility), 3 requests on Monday 10:00 (one confidential), acknowledged after 1 h, resolved
  after 3 h; and two more it said were not its own, sent on to
- Sudin SDA Jakarta Pusat (government), which acknowledged them at 10:30 and resolved them at 15:00.

Survey: 32 answers for Bina Marga (20 give every element 4; 12 give 3, leaving cost out), one of
which was changed (its older answer, all 1s, arriving last); 3 for PAM Jaya. Quick ratings for
Bina Marga: 5, 4, 4, 3.
"""

from __future__ import annotations

from datetime import timedelta

from dekat.events import Envelope

from tests.unit.intake.history import (
    agency,
    assigned,
    at,
    every,
    life,
    new_id,
    rating,
    status,
    submitted,
    survey,
)

BINA_MARGA, PAM, SDA = "dinas-bina-marga", "pam-jaya", "sudin-sda-jakpus"
CITIZENS = {
    "names": ["Siti Rahayu", "Budi Santoso"],
    "emails": ["siti.rahayu@example.id", "budi.santoso@example.id"],
    "phones": ["+62 812 5555 0101", "0813 7777 2020"],
}


def bina_marga() -> tuple[list[Envelope], list[str]]:
    """Its events, and the ids of its resolved requests (A then B)."""
    a, b, c = [new_id() for _ in range(15)], [new_id() for _ in range(15)], [new_id() for _ in range(2)]
    events = [e for rid in a for e in life(rid)]
    events += [e for rid in b for e in life(rid, day=1, acknowledged=6, resolved=30)]
    events += [e for rid in c for e in life(rid, day=2, acknowledged=None, resolved=None)]
    events += [status(rid, 2, at(2, 14), "assigned", change="escalated", escalation="reminder") for rid in c]
    events.append(status(a[0], 4, at(1, 10), "reopened", reason="contested"))
    return events, a + b


def bina_marga_answers(resolved: list[str]) -> list[Envelope]:
    on = [*resolved, resolved[0], resolved[1]]  # two requests with a second reporter (a follower)
    answers = [every(4) if i < 20 else every(3, cost=None) for i in range(32)]
    events = [survey(rid, at(3, 10), given) for rid, given in zip(on, answers, strict=True)]
    changed = events[2].data["reporter_id"]
    events.append(survey(on[2], at(3, 9), every(1), reporter_id=changed))  # older, arriving last
    events += [rating(rid, at(3, 11), value) for rid, value in zip(resolved, (5, 4, 4, 3), strict=False)]
    return events


def pam_jaya() -> list[Envelope]:
    own = [new_id() for _ in range(3)]
    events = [
        e
        for i, rid in enumerate(own)
        for e in life(
            rid,
            hour=10,
            agency_code=PAM,
            acknowledged=1,
            resolved=3,
            privacy="confidential" if i == 0 else "public",
            description=f"Air mati sejak pagi, hubungi {CITIZENS['phones'][1]}",
        )
    ]
    return events + [survey(rid, at(3, 12), every(4)) for rid in own]


def bounced() -> list[Envelope]:
    """Two requests PAM Jaya sent back as not its own; Sudin SDA took and resolved them."""
    events: list[Envelope] = []
    for _ in range(2):
        rid = new_id()
        events += [
            submitted(rid, at(0, 9), service_code="blocked-drain", shared_identity=None),
            assigned(rid, 1, at(0, 9.1), PAM, acknowledge_by=at(0, 13.1)),
            status(rid, 2, at(0, 9.5), "rejected", PAM, reason="not_ours"),
            assigned(rid, 3, at(0, 9.5), SDA, acknowledge_by=at(0, 13.5), resolve_by=at(1, 9.5)),
            status(rid, 4, at(0, 10.5), "acknowledged", SDA),
            status(rid, 5, at(0, 15), "resolved", SDA),
        ]
    return events


def network() -> list[Envelope]:
    return [
        agency(BINA_MARGA, "government"),
        agency(PAM, "utility", name="PAM JAYA"),
        agency(SDA, "government"),
    ]


def seeded() -> list[Envelope]:
    """Every event, the agencies last: their calendars come after the requests they count."""
    events, resolved = bina_marga()
    return [*events, *bina_marga_answers(resolved), *pam_jaya(), *bounced(), *network()]


AS_OF = at(7, 12) + timedelta(0)
"""Monday 23 November 2026, 12:00 in Jakarta: every deadline above has passed."""
