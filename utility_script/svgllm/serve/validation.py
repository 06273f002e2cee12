"""Turn pydantic's validation errors into one sentence a person can act on (the 422 `detail`)."""
from __future__ import annotations

from ..limits import MAX_DESCRIPTION_CHARS, MIN_DESCRIPTION_CHARS

_RANGE = f"{MIN_DESCRIPTION_CHARS} to {MAX_DESCRIPTION_CHARS} characters"
_SHAPE = 'the body must be a JSON object like {"description": "a red barn in snow"}'


def _sentence(problem: dict) -> str:
    """One error -> one sentence, specific where the type is known."""
    kind = problem.get("type", "")
    loc = [str(part) for part in problem.get("loc", ()) if part != "body"]
    field = loc[-1] if loc else ""
    if kind == "json_invalid":
        return "the body is not valid JSON; " + _SHAPE
    if kind == "missing" and field in ("", "description"):
        return "'description' is missing; " + _SHAPE
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return _SHAPE
    if kind == "extra_forbidden":
        return f"unknown field '{field}': only 'description' is accepted"
    if field == "description":
        if kind == "string_too_short":
            return f"'description' is empty: give {_RANGE}"
        if kind == "string_too_long":
            return f"'description' is too long: at most {MAX_DESCRIPTION_CHARS} characters"
        if kind == "string_type":
            return f"'description' must be a string of {_RANGE}"
        if kind == "string_unicode":
            return "'description' is not valid Unicode text (a lone surrogate?)"
        if kind == "value_error":
            return f"'description' is blank: give {_RANGE} of text"
    where = ".".join(loc) or "body"
    return f"{where}: {problem.get('msg', 'invalid')}"


def describe_errors(errors) -> tuple[str, list[dict]]:
    """Return (one sentence for all errors, the errors as JSON-safe dicts with loc/msg/type)."""
    problems = [
        {"loc": [str(part) for part in error.get("loc", ())], "msg": str(error.get("msg", "")),
         "type": str(error.get("type", ""))}
        for error in errors
    ]
    sentences = list(dict.fromkeys(_sentence(problem) for problem in problems))
    return ("; ".join(sentences) or "invalid request"), problems
