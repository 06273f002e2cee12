"""Request and response bodies of the HTTP API (pydantic models, also the OpenAPI schema)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..limits import MAX_DESCRIPTION_CHARS, MIN_DESCRIPTION_CHARS  # the demo accepts the competition's range


class PredictRequest(BaseModel):
    """What to draw."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"description": "a teal spruce woodland at twilight"}]}
    )

    description: str = Field(
        strict=True,  # a number or a list is an error, not silently turned into text
        min_length=MIN_DESCRIPTION_CHARS,
        max_length=MAX_DESCRIPTION_CHARS,
        description=f"A short scene description, {MIN_DESCRIPTION_CHARS} to {MAX_DESCRIPTION_CHARS} characters.",
    )

    @field_validator("description")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("description is blank (only whitespace)")
        return value


class ChoiceResponse(BaseModel):
    """How best-of-N picked the answer (only when the model draws several candidates)."""

    backends: list[str] = Field(description="Who drew each valid candidate, in the order they were gathered.")
    scores: list[float | None] = Field(description="The scorer's value per candidate looked at; null where it failed.")
    index: int = Field(description="The kept candidate (0, the first valid one, when the scores could not decide).")
    scorer: str = Field(description="The scorer that rated them.")


class PredictResponse(BaseModel):
    """A competition-valid SVG and where it came from."""

    svg: str = Field(description="The drawing: a sanitised SVG document that passes the competition's rules.")
    backend: str = Field(description="The backend that drew it ('emergency' for the constant last resort).")
    ms: float = Field(description="Milliseconds the model spent on this description (queue wait not included).")
    choice: ChoiceResponse | None = Field(
        default=None, description="Best-of-N details when the model is configured with candidates > 1, else null."
    )


class HealthResponse(BaseModel):
    """Liveness and what the server runs."""

    status: str = Field(description="'ok', or 'degraded' when the model failed to load (answers are fallbacks).")
    backends: list[str] = Field(description="The backend chain, in order.")
    in_flight: int = Field(description="Requests running or queued right now.")
    version: str
    error: str | None = Field(default=None, description="Why the model failed to load, when it did.")


class ErrorResponse(BaseModel):
    """Every error answer: a sentence saying what went wrong (422 answers also list `errors`)."""

    detail: str
    errors: list[dict] | None = None
