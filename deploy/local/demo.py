"""Submit a few realistic requests to a running intake and show where each one went."""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from typing import Any

INTAKE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8001"

DEMO: list[dict[str, Any]] = [
    {
        "service_code": "water-main-break",
        "description": "Pipa PAM pecah di depan pasar, air meluap ke jalan.",
        "attributes": {"severity": "burst"},
        "lat": -6.1862,
        "long": 106.8341,
        "citizen": {"name": "Siti Rahma", "email": "siti@example.id"},
    },
    {
        "service_code": "pothole",
        "description": "Jalan berlubang dalam di Jl. Kramat Raya.",
        "lat": -6.1833,
        "long": 106.8449,
        "citizen": {"name": "Budi Santoso", "email": "budi@example.id", "phone": "+62 812 3456 7890"},
    },
    {
        "service_code": "land-certificate",
        "description": "Permohonan sertifikat tanah warisan di Kemayoran.",
        "attributes": {"parcel_id": "09.05.02.01.00123"},
        "citizen": {"name": "Agus Wijaya", "email": "agus@example.id", "language": "en"},
    },
    {
        "service_code": "dengue-fogging",
        "description": "Tiga warga RT 05 terkena DBD bulan ini.",
        "lat": -6.1702,
        "long": 106.8256,
        "privacy": "anonymous",
    },
]


def call(method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    request = urllib.request.Request(
        INTAKE + path,
        method=method,
        data=json.dumps(body).encode() if body else None,
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, Any] = json.load(response)
        return answer


def main() -> None:
    accepted = [call("POST", "/v1/requests", body) for body in DEMO]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        views = [call("GET", f"/v1/requests/{a['id']}") for a in accepted]
        if all(v["status"] != "received" for v in views):
            break
        time.sleep(0.5)
    for a, view in zip(accepted, views, strict=True):
        print(
            f"[demo] {a['tracking_code']}  {view['service_code']:<18} {view['status']:<9} "
            f"{view['agency_name'] or '-'}  {INTAKE}/v1/requests/{view['id']}"
        )


if __name__ == "__main__":
    main()
