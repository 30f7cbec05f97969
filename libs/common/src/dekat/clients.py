"""Who we are to Kafka: every Kafka client in the code base is built from one `Kafka`.

`Kafka.of(settings)` reads the `DEKAT_KAFKA_*` settings; `aiokafka()` gives the keyword arguments
of any aiokafka client, `security()` FastStream's equivalent and `librdkafka()` confluent-kafka's
configuration, all from the same fields. The password is a `SecretStr`: it never shows in a repr.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram512
from pydantic import SecretStr

from dekat.settings import CommonSettings


@dataclass(frozen=True)
class Kafka:
    bootstrap: str
    security_protocol: str = "SASL_SSL"
    mechanism: str = "SCRAM-SHA-512"
    username: str = ""
    password: SecretStr = field(default_factory=lambda: SecretStr(""))
    ca_file: str | None = None

    @classmethod
    def of(cls, settings: CommonSettings) -> Kafka:
        return cls(
            bootstrap=settings.kafka_bootstrap,
            security_protocol=settings.kafka_security_protocol,
            mechanism=settings.kafka_sasl_mechanism,
            username=settings.kafka_username,
            password=settings.kafka_password,
            ca_file=settings.kafka_ca_file,
        )

    def as_user(self, username: str, password: str) -> Kafka:
        """The same broker, another principal (tests, provisioning)."""
        return replace(self, username=username, password=SecretStr(password))

    def security(self) -> BaseSecurity | None:
        """FastStream's `security=`; None on a PLAINTEXT listener."""
        if self.security_protocol == "PLAINTEXT":
            return None
        tls = self.ssl_context() if self.security_protocol == "SASL_SSL" else None
        sasl = SASLPlaintext if self.mechanism == "PLAIN" else SASLScram512
        return sasl(self.username, self.password.get_secret_value(), ssl_context=tls)

    def aiokafka(self) -> dict[str, Any]:
        """Keyword arguments for AIOKafkaProducer, AIOKafkaConsumer and AIOKafkaAdminClient."""
        return {"bootstrap_servers": self.bootstrap, **parse_security(self.security())}

    def librdkafka(self) -> dict[str, str]:
        """confluent-kafka's (librdkafka's) configuration, e.g. for its AdminClient."""
        config = {"bootstrap.servers": self.bootstrap, "security.protocol": self.security_protocol}
        if self.security_protocol != "PLAINTEXT":
            config |= {
                "sasl.mechanisms": self.mechanism,
                "sasl.username": self.username,
                "sasl.password": self.password.get_secret_value(),
            }
        if self.security_protocol == "SASL_SSL" and self.ca_file:
            config["ssl.ca.location"] = self.ca_file
        return config

    def env(self, root: Path) -> dict[str, str]:
        """The `DEKAT_KAFKA_*` settings that make a child process connect as this principal.

        A relative CA file is made absolute against `root` (the child may run elsewhere).
        """
        env = {
            "DEKAT_KAFKA_BOOTSTRAP": self.bootstrap,
            "DEKAT_KAFKA_SECURITY_PROTOCOL": self.security_protocol,
            "DEKAT_KAFKA_SASL_MECHANISM": self.mechanism,
            "DEKAT_KAFKA_USERNAME": self.username,
            "DEKAT_KAFKA_PASSWORD": self.password.get_secret_value(),
        }
        return env | ({"DEKAT_KAFKA_CA_FILE": str(root / self.ca_file)} if self.ca_file else {})

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_file)
