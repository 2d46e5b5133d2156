"""Request bodies of the JSON API, validated by pydantic (a bad body is a 400/422, never a 500)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from jobapp.store.repo import FEEDBACK_STATUSES


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RunParams(Body):
    no_llm: bool = False
    top: int = Field(10, ge=1, le=100)


class RunBody(Body):
    steps: str | list[str] = Field("all", description="'all', a step, a range 'match-explain' or a list")
    params: RunParams = Field(default_factory=lambda: RunParams(no_llm=False, top=10))


class UrlBody(Body):
    url: HttpUrl


class PasteBody(Body):
    text: str = Field(min_length=20, max_length=100_000)


class SearchBody(Body):
    query: str = Field(min_length=2, max_length=200)
    boards: list[str] = Field(default_factory=lambda: ["hellowork"], min_length=1, max_length=8)
    location: str | None = Field(None, max_length=100)
    radius_km: int | None = Field(None, ge=0, le=500)
    count: int = Field(20, ge=1, le=100)
    contract: str | None = Field(None, max_length=30)
    max_age_days: int | None = Field(None, ge=1, le=365)


class FeedbackBody(Body):
    thumbs: Literal[-1, 0, 1] | None = None
    status: Literal[FEEDBACK_STATUSES] | None = None  # type: ignore[valid-type]


class ForgetBody(Body):
    confirm: Literal[True] = Field(description="Must be true: deleting your data cannot be undone")


BODIES: dict[str, type[Body]] = {
    "RunBody": RunBody,
    "UrlBody": UrlBody,
    "PasteBody": PasteBody,
    "SearchBody": SearchBody,
    "FeedbackBody": FeedbackBody,
    "ForgetBody": ForgetBody,
}
