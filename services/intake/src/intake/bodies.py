"""The native API's request bodies (pydantic at the edge) and what they become inside."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from dekat.vocabulary import Language, Origin, Privacy
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, EmailStr, Field, StrictBool

from intake.requests import Contact
from intake.submissions import Problem, Submission, privacy_problems

Text = Annotated[str, Field(min_length=1, max_length=200)]
AttributeValue = Annotated[str, Field(max_length=4000)] | list[Annotated[str, Field(max_length=4000)]]


def finite(value: float | None) -> float | None:
    if value is not None and value != value:  # NaN passes ge/le checks
        raise ValueError("must be a number")
    return value


class CitizenIn(BaseModel):
    """How to reach the citizen. Stays in intake and on the restricted contact topic."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")
    language: Language = "id"
    channels: list[Literal["email", "sms", "whatsapp"]] = Field(default=[], max_length=3)
    """Preferred channels, most preferred first; default: email, then SMS, as given."""
    timezone: str = Field(default="Asia/Jakarta", max_length=64)
    consent_share: StrictBool = False
    """A public request's citizen may let the agency see who they are."""

    def contact(self) -> Contact:
        return Contact(
            name=self.name,
            email=self.email,
            phone=self.phone,
            language=self.language,
            channels=tuple(dict.fromkeys(self.channels)),
            timezone=self.timezone,
            consent_share=self.consent_share,
        )


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    service_code: str = Field(min_length=1, max_length=64)
    description: str = Field(min_length=1, max_length=4000)
    lat: Annotated[float | None, AfterValidator(finite)] = Field(default=None, ge=-90, le=90)
    long: Annotated[float | None, AfterValidator(finite)] = Field(default=None, ge=-180, le=180)
    address: str | None = Field(default=None, min_length=1, max_length=500)
    area_code: str | None = Field(default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    """The kecamatan or kelurahan the citizen chose, a `code` from `GET /v1/areas`."""
    attributes: dict[Annotated[str, Field(max_length=64)], AttributeValue] = Field(default={}, max_length=50)
    media_url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://\S+$")
    privacy: Privacy = "public"
    citizen: CitizenIn | None = None

    def submission(
        self,
        channel: Origin,
        *,
        source: str | None = None,
        client_id: str | None = None,
        created_at: datetime | None = None,
    ) -> Submission:
        return Submission(
            service_code=self.service_code,
            description=self.description,
            channel=channel,
            lat=self.lat,
            long=self.long,
            address=self.address,
            area_code=self.area_code,
            media_url=self.media_url,
            answers={k: v if isinstance(v, list) else [v] for k, v in self.attributes.items()},
            privacy=self.privacy,
            citizen=self.citizen.contact() if self.citizen else None,
            source=source,
            client_id=client_id,
            created_at=created_at,
        )


class CounterRequestIn(RequestIn):
    """A request taken at a counter by staff, on the citizen's behalf."""

    staff_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")


class MobileItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$")
    created_at: AwareDatetime
    request: dict[str, object]
    """Checked item by item, so one bad item does not sink the batch."""


class MobileBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[MobileItemIn] = Field(min_length=1, max_length=500)


class RatingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    rating: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, max_length=2000)


class NoteIn(BaseModel):
    """Why the citizen contests the resolution, or the information the agency asked for."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    comment: str = Field(min_length=1, max_length=4000)


class FollowerIn(CitizenIn):
    """A citizen who follows a request someone else reported: how to reach them."""


def follower_problems(body: FollowerIn) -> list[Problem]:
    """A follower needs a way to be told; the same rules as a submitter's contact."""
    if not (body.email or body.phone):
        return [Problem("email", "give an email address or a phone number to be told of changes")]
    probe = Submission(service_code="", description="", channel="web", citizen=body.contact())
    return [Problem(p.field.removeprefix("citizen."), p.message) for p in privacy_problems(probe)]
