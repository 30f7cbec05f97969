"""Consumer lag is what a group has still to consume on a partition."""

from __future__ import annotations

from dekat.lag import behind


def test_lag_is_the_end_offset_minus_the_committed_one() -> None:
    assert behind(end=120, committed=100, beginning=0) == 20


def test_a_group_that_never_committed_is_behind_by_everything_still_on_the_partition() -> None:
    assert behind(end=120, committed=None, beginning=30) == 90
    assert behind(end=120, committed=-1, beginning=30) == 90


def test_a_caught_up_group_has_no_lag_even_if_offsets_were_read_a_moment_apart() -> None:
    assert behind(end=100, committed=100, beginning=0) == 0
    assert behind(end=100, committed=101, beginning=0) == 0
