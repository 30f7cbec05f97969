"""Wilson's score interval for a share (pure): honest for small samples and shares near 0 or 1,
where the textbook p ± z·√(p(1-p)/n) runs past the ends."""

from __future__ import annotations

import math

Z95 = 1.959963984540054
"""The two-sided 95 % normal quantile."""


def interval(share: float, n: int, z: float = Z95) -> tuple[float, float]:
    """(low, high) around `share` measured on `n` cases; the whole range without cases."""
    if n <= 0:
        return 0.0, 1.0
    z2 = z * z
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = z / (1 + z2 / n) * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)
