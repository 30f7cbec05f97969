"""`DEKAT_ENV=production` refuses to start on the demo's secrets, key files and test clocks, and
names every one of them at once; development keeps its demo defaults."""

from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path
from typing import Any

import pytest
from intake.config import Settings as IntakeSettings
from notify.config import Settings as NotifySettings
from pydantic import SecretStr, ValidationError
from routing.config import Settings as RoutingSettings

OWN_DSN = "postgresql://svc:s3cret-of-our-own@db.internal:5432/{}"


def refused(settings: type[Any], **values: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        settings(env="production", **values)
    return str(caught.value)


def own_secret() -> str:
    return secrets.token_urlsafe(24)


def own() -> SecretStr:
    return SecretStr(own_secret())


def digests_file(tmp_path: Path, name: str, entries: list[dict[str, str]]) -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"keys": entries}))
    return str(path)


def sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        (
            IntakeSettings,
            ["DEKAT_LINK_SECRET", "DEKAT_DATABASE_URL", "channel_keys.json", "open311_clients.json"],
        ),
        (
            RoutingSettings,
            ["DEKAT_ADMIN_API_KEY", "DEKAT_LINK_SECRET", "DEKAT_DATABASE_URL", "api_keys.json"],
        ),
        (
            NotifySettings,
            [
                "DEKAT_CALLBACK_SECRET",
                "DEKAT_OPERATOR_API_KEY",
                "DEKAT_PREFERENCES_SECRET",
                "DEKAT_DATABASE_URL",
            ],
        ),
    ],
)
def test_each_service_in_production_names_every_demo_value_it_was_given(
    settings: type[Any], named: list[str]
) -> None:
    message = refused(settings)
    assert all(name in message for name in named), message


def test_development_keeps_the_demo_defaults() -> None:
    assert IntakeSettings().link_secret.get_secret_value() == "dekat-link-demo-secret"
    assert RoutingSettings(clock_adjustable=True).clock_adjustable


def test_notify_with_its_own_secrets_starts_in_production() -> None:
    settings = NotifySettings(
        env="production",
        database_url=OWN_DSN.format("notify"),
        callback_secret=own(),
        operator_api_key=own(),
        preferences_secret=own(),
        kafka_password=own(),
    )
    assert settings.env == "production"


def test_an_empty_secret_is_refused_as_well() -> None:
    assert "DEKAT_OPERATOR_API_KEY is empty" in refused(NotifySettings, operator_api_key=SecretStr(""))


def test_a_test_clock_is_refused_in_production() -> None:
    assert "DEKAT_CLOCK_FILE is for tests and demos only" in refused(NotifySettings, clock_file="now.txt")
    message = refused(RoutingSettings, clock_adjustable=True, clock_offset_seconds=60)
    assert "DEKAT_CLOCK_ADJUSTABLE" in message
    assert "DEKAT_CLOCK_OFFSET_SECONDS" in message


def test_a_key_file_still_holding_one_demo_key_names_only_that_owner(tmp_path: Path) -> None:
    keys = digests_file(
        tmp_path,
        "channel_keys.json",
        [
            {"channel": "counter", "id": "ptsp-menteng", "sha256": sha("demo-counter-ptsp-menteng-key")},
            {"channel": "mobile", "id": "mpk-jakarta-utara", "sha256": sha(own_secret())},
        ],
    )
    clients = tmp_path / "open311_clients.json"
    clients.write_text(json.dumps([{"api_key": own_secret(), "client": "kota"}]))

    message = refused(
        IntakeSettings,
        database_url=OWN_DSN.format("intake"),
        link_secret=own(),
        channel_keys_path=keys,
        open311_clients_path=str(clients),
    )

    assert "holds the demo keys of counter:ptsp-menteng" in message
    assert "mpk-jakarta-utara" not in message
    assert "open311" not in message


def test_routing_with_its_own_agency_keys_and_secrets_starts_in_production(tmp_path: Path) -> None:
    network = tmp_path / "agencies.json"
    digests_file(tmp_path, "api_keys.json", [{"agency": "pam-jaya", "sha256": sha(own_secret())}])
    settings = RoutingSettings(
        env="production",
        database_url=OWN_DSN.format("routing"),
        admin_api_key=own(),
        link_secret=own(),
        kafka_password=own(),
        kafka_admin_password=own(),
        network_path=str(network),
    )
    assert settings.env == "production"


def test_no_secret_shows_in_the_settings_repr() -> None:
    shown = repr(NotifySettings()) + repr(RoutingSettings()) + repr(IntakeSettings())
    for secret in (
        "dev-callback-secret",
        "dekat-operator-demo",
        "dekat-admin-demo",
        "dekat-link-demo-secret",
        "svc-notify-demo-kafka",
        "svc-routing-demo-kafka",
        "svc-intake-demo-kafka",
        "svc-routing-admin-demo-kafka",
    ):
        assert secret not in shown
