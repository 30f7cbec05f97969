"""The benchmark's arithmetic: percentiles, latencies from the stamps requests carry, ratios."""

from __future__ import annotations

from bench import figures, report
from bench.observe import DESCRIPTION, RECIPIENT, sighting_key


def test_the_p99_of_a_hundred_values_is_the_99th_smallest() -> None:
    ordered = [float(n) for n in range(1, 101)]

    assert figures.percentile(ordered, 99) == 99.0
    assert figures.percentile(ordered, 50) == 50.0
    assert figures.percentile([7.0], 99) == 7.0


def test_a_spread_is_in_milliseconds_and_says_how_many() -> None:
    assert figures.spread([0.010, 0.020, 0.030]) == {
        "count": 3,
        "p50": 20.0,
        "p95": 30.0,
        "p99": 30.0,
        "max": 30.0,
    }
    assert figures.spread([])["p99"] is None


def test_a_delay_runs_from_the_stamp_a_request_was_sent_with() -> None:
    seen = {"a": (1_000_000_000, 1000.25), "b": (1_000_000_000, 1000.5)}

    assert figures.delays(seen, {"a"}) == {"a": 0.25}


def test_the_description_and_the_email_name_the_same_request() -> None:
    described = DESCRIPTION.search("Saluran tersumbat, bench 1796163668291096 t2 n41")
    mailed = RECIPIENT.search(b"X-Dekat-Rcpt-To: bench-1796163668291096-2-41@example.id\r\n")

    assert described is not None
    assert mailed is not None
    assert sighting_key(*described.groups()) == sighting_key(*mailed.groups()) == "1796163668291096-2-41"


def test_each_figure_carries_its_ratio_to_the_bare_pipeline() -> None:
    assert report.cell(50.0, 100.0) == "50 (0.50)"
    assert report.cell(1200.0, 400.0) == "1,200 (3.00)"
    assert report.cell(None, 100.0) == "-"
    assert report.cell(5.0, 0) == "5"
