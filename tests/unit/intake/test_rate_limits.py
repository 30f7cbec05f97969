"""Public endpoints are rate limited per client and per key; guessing tracking codes runs dry fast."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from intake import metrics
from intake.limits import Receive, Scope, Send
from intake.rate_limits import Bucket, Limit, charge, client_of, networks, rule_for, take
from intake.throttle import Limits, RateLimit
from prometheus_client import CollectorRegistry

PER_MINUTE = Limit(per_minute=60, burst=3)  # one a second, three at once
KNOWN_KEY = "demo-counter-ptsp-menteng-key"


def test_a_full_bucket_gives_its_burst_then_one_token_per_refill() -> None:
    bucket, waits = None, []
    for _ in range(4):
        bucket, wait = take(bucket, PER_MINUTE, now=0.0)
        waits.append(wait)
    assert waits == [0.0, 0.0, 0.0, 1.0]
    assert take(bucket, PER_MINUTE, now=1.0)[1] == 0.0


def test_a_miss_leaves_a_debt_capped_at_one_burst() -> None:
    drained = charge(Bucket(3, 0.0), PER_MINUTE, now=0.0, cost=100)
    assert drained.tokens == -3
    assert take(drained, PER_MINUTE, now=0.0)[1] == 4.0


def test_no_limit_when_the_rate_is_zero() -> None:
    unlimited = Limit(per_minute=0, burst=0)
    assert take(None, unlimited, now=0.0)[1] == 0.0


@pytest.mark.parametrize(
    ("method", "path", "rule"),
    [
        ("POST", "/v1/requests", "submit"),
        ("POST", "/open311/v2/requests.json", "submit"),
        ("POST", "/v1/requests/by-code/DK-AAAA-BBBB/rating", "submit"),
        ("GET", "/track/DK-AAAA-BBBB", "lookup"),
        ("GET", "/v1/requests/by-code/DK-AAAA-BBBB", "lookup"),
        ("GET", "/open311/v2/tokens/abc.json", "lookup"),
        ("GET", "/v1/areas", None),
        ("GET", "/health/ready", None),
    ],
)
def test_what_each_request_spends_from(method: str, path: str, rule: str | None) -> None:
    assert rule_for(method, path) == rule


def test_an_ipv6_client_is_its_whole_64() -> None:
    assert client_of("2001:db8:1:2:aaaa::1") == client_of("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert client_of("::ffff:10.0.0.7") == "10.0.0.7"


def limited(**changes: Any) -> tuple[RateLimit, list[float]]:
    """intake behind its rate limit, with a clock the test moves; unknown codes are 404."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await receive()
        status = 404 if "UNKNOWN" in scope["path"] else 200
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    now = [0.0]
    settings = {"submit": PER_MINUTE, "lookup": Limit(60, 20), "key": Limit(600, 100), "miss_cost": 10.0}
    measured = metrics.create(CollectorRegistry())
    limits = Limits(**{**settings, **changes})
    return RateLimit(
        app, limits=limits, known_key=lambda k: k == KNOWN_KEY, metrics=measured, clock=lambda: now[0]
    ), now


async def statuses(app: RateLimit, requests: list[tuple[str, str]], **options: Any) -> list[int]:
    client = options.pop("client", "203.0.113.7")
    transport = httpx.ASGITransport(app=app, client=(client, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://intake") as http:
        return [(await http.request(m, p, **options)).status_code for m, p in requests]


async def test_a_client_past_its_burst_is_answered_429_with_retry_after() -> None:
    app, now = limited()
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://intake") as http:
        answers = [await http.post("/v1/requests") for _ in range(4)]
        now[0] = 1.0
        later = await http.post("/v1/requests")
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[3].headers["retry-after"] == "1"
    assert answers[3].json()["problems"][0]["field"] == "client"
    assert later.status_code == 200


async def test_guessing_codes_is_cut_off_after_two_misses_but_a_known_code_reads_twenty_times() -> None:
    app, _ = limited()
    guesses = await statuses(app, [("GET", f"/track/DK-UNKNOWN-{n}") for n in range(4)])
    assert guesses == [404, 404, 429, 429]
    assert (await statuses(app, [("GET", "/track/DK-AAAA-BBBB")] * 20, client="198.51.100.1")) == [200] * 20


async def test_the_429_is_the_same_for_a_code_that_exists_and_one_that_does_not() -> None:
    app, _ = limited()
    await statuses(app, [("GET", "/track/DK-UNKNOWN-1")] * 2)
    assert await statuses(app, [("GET", "/track/DK-AAAA-BBBB"), ("GET", "/track/DK-UNKNOWN-2")]) == [429, 429]


async def test_staff_with_their_counters_key_are_limited_by_the_key_not_their_offices_address() -> None:
    app, _ = limited()
    assert await statuses(app, [("POST", "/v1/requests")] * 3) == [200] * 3
    with_key = await statuses(
        app, [("POST", "/v1/counters/x/requests")] * 50, headers={"x-api-key": KNOWN_KEY}
    )
    assert with_key == [200] * 50
    made_up = await statuses(app, [("POST", "/v1/counters/x/requests")], headers={"x-api-key": "guess"})
    assert made_up == [429]


async def test_an_open311_client_is_limited_by_the_api_key_in_its_form_and_told_in_open311s_format() -> None:
    app, _ = limited()
    form = {"api_key": KNOWN_KEY, "service_code": "pothole"}
    assert await statuses(app, [("POST", "/open311/v2/requests.json")] * 20, data=form) == [200] * 20
    refusals = await statuses(app, [("POST", "/open311/v2/requests.json")] * 4, data={"api_key": "x"})
    assert refusals == [200, 200, 200, 429]


async def test_open311_refusals_use_its_error_list() -> None:
    app, _ = limited(submit=Limit(60, 0))
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 1))
    async with httpx.AsyncClient(transport=transport, base_url="http://intake") as http:
        refused = await http.post("/open311/v2/requests.json", data={"service_code": "pothole"})
    assert refused.status_code == 429
    assert refused.json()[0]["code"] == 429


async def test_an_exempt_network_is_never_limited() -> None:
    app, _ = limited(exempt=networks("127.0.0.0/8"))
    assert await statuses(app, [("POST", "/v1/requests")] * 10, client="127.0.0.5") == [200] * 10


async def test_the_buckets_kept_stay_bounded() -> None:
    app, _ = limited(max_buckets=5)
    for n in range(20):
        await statuses(app, [("POST", "/v1/requests")], client=f"203.0.113.{n}")
    assert len(app.buckets) == 5
