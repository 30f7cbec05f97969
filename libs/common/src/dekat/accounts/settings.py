"""The settings of signing in, for a service's config to inherit (`DEKAT_STAFF_*`, `DEKAT_SIGN_IN_*`)."""

from __future__ import annotations

from datetime import timedelta

from pydantic_settings import BaseSettings, SettingsConfigDict

from dekat.accounts.sessions import Cookie
from dekat.accounts.throttle import Policy


class StaffSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DEKAT_", extra="ignore")

    staff_session_hours: float = 10.0
    """A session lasts a working day at most."""
    staff_idle_minutes: float = 120.0
    """A session left unused this long ends."""
    sign_in_user_limit: int = 5
    """Failed sign-ins of one username before it is locked for `sign_in_lock_minutes`."""
    sign_in_client_limit: int = 20
    """Failed sign-ins from one client address before it is locked."""
    sign_in_lock_minutes: float = 15.0
    sign_in_delay_seconds: float = 0.5
    """The answer to a failed sign-in waits this long, doubling with each further failure (to 4 s)."""

    def cookie(self, name: str) -> Cookie:
        return Cookie(
            name,
            lifetime=timedelta(hours=self.staff_session_hours),
            idle=timedelta(minutes=self.staff_idle_minutes),
        )

    def policy(self) -> Policy:
        return Policy(
            per_user=self.sign_in_user_limit,
            per_client=self.sign_in_client_limit,
            window=timedelta(minutes=self.sign_in_lock_minutes),
            delay_seconds=self.sign_in_delay_seconds,
            max_delay_seconds=max(4.0, self.sign_in_delay_seconds),
        )
