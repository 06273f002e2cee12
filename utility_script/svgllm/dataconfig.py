"""One way to load configuration: typed dataclasses, checked and converted by one loader.

A configuration is a dataclass whose fields are declared with `option(...)`: a default, the help text (written
once: the command line and the docs use it), and optionally the environment variable suffix, the command-line
flag, allowed `choices` and a numeric `bounds` range. The loader
- rejects unknown keys, naming them (`from_mapping`; a typo is an error, not a no-op);
- converts every value to the field's declared type one way, whether it came from code, JSON or an environment
  string (`coerce_fields`, called by the dataclass's `__post_init__`): "4" -> 4, "true" -> True, "a,b" -> a
  tuple, a dict -> a nested configuration dataclass; anything else is a ValueError naming the field;
- builds argparse options from the metadata (`add_arguments`) and reads them back (`overrides_from_args`).
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import math
import os
import types
import typing
from collections.abc import Mapping
from pathlib import Path

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_NONE = ("", "none", "null")


def option(default=dataclasses.MISSING, *, help: str, factory=dataclasses.MISSING, env: str | None = None,
           cli: str | None = None, metavar: str | None = None, choices: tuple | None = None,
           bounds: tuple[float | None, float | None] | None = None):
    """A dataclass field with its help text and loading metadata (see the module docstring).

    `env`: suffix of the environment variable (after the configuration's prefix); `cli`: the flag, e.g.
    "--deadline"; `choices`: allowed values; `bounds`: inclusive (low, high), either may be None.
    """
    metadata = {"help": help, "env": env, "cli": cli, "metavar": metavar, "choices": choices, "bounds": bounds}
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def label(cls) -> str:
    """How unknown-key errors name a configuration: its `config_label` class attribute, else "<Name> keys"."""
    return getattr(cls, "config_label", f"{cls.__name__} keys")


def field_name(cls, name: str) -> str:
    """How value errors name a field: prefixed with the class's `config_field_prefix` (e.g. "llm.")."""
    return getattr(cls, "config_field_prefix", "") + name


@functools.cache
def _hints(cls) -> dict[str, object]:
    return typing.get_type_hints(cls)


def from_mapping(cls, values: Mapping | None):
    """Build `cls` from a mapping; unknown keys raise ValueError naming them and the known ones."""
    values = dict(values or {})
    known = [f.name for f in dataclasses.fields(cls) if f.init]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"unknown {label(cls)}: {', '.join(map(str, unknown))} (known: {', '.join(sorted(known))})")
    return cls(**values)


def from_json_file(cls, path: str | os.PathLike):
    """Build `cls` from a JSON file holding one object with its keys."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        values = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"config file {path} is not valid JSON: {error}") from None
    if not isinstance(values, dict):
        raise ValueError(f"config file {path} must hold a JSON object")
    return from_mapping(cls, values)


def env_values(cls, environ: Mapping[str, str], prefix: str) -> dict[str, str]:
    """{field: raw string} for every field with an `env` name whose variable is set and not empty."""
    found = {}
    for item in dataclasses.fields(cls):
        name = item.metadata.get("env")
        if name and environ.get(prefix + name):
            found[item.name] = environ[prefix + name]
    return found


def env_names(cls, prefix: str) -> list[str]:
    """The environment variables `env_values` reads, in field order (for docs and help)."""
    return [prefix + f.metadata["env"] for f in dataclasses.fields(cls) if f.metadata.get("env")]


def coerce_fields(instance) -> None:
    """Convert every field of `instance` to its declared type and check choices/bounds (ValueError names it)."""
    cls = type(instance)
    hints = _hints(cls)
    for item in dataclasses.fields(cls):
        name = field_name(cls, item.name)
        hint = hints[item.name]
        value = coerce(getattr(instance, item.name), hint, name)
        choices, bounds = item.metadata.get("choices"), item.metadata.get("bounds")
        if choices is not None and value is not None and value not in choices:
            raise ValueError(f"{name} must be one of {', '.join(map(str, choices))}, got {value!r}")
        if bounds is not None and value is not None:
            low, high = bounds
            if (low is not None and value < low) or (high is not None and value > high):
                kind = "an integer" if _is_int(hint) else "a number"
                raise ValueError(f"{name} must be {kind} in [{_show(low)}, {_show(high)}], got {value!r}")
        setattr(instance, item.name, value)


def _show(limit) -> str:
    return "..." if limit is None else str(limit)


def _is_int(hint) -> bool:
    return hint is int or (_is_optional(hint) and int in typing.get_args(hint))


def coerce(value, hint, name: str):
    """`value` as type `hint` (bool, int, float, str, X | None, tuple[X, ...], dict, a dataclass) or ValueError."""
    if _is_optional(hint):
        if value is None or (isinstance(value, str) and value.strip().lower() in _NONE):
            return None
        hint = next(arm for arm in typing.get_args(hint) if arm is not type(None))
    origin = typing.get_origin(hint)
    if hint is bool:
        return _to_bool(value, name)
    if hint is int:
        return _to_int(value, name)
    if hint is float:
        return _to_float(value, name)
    if hint is str:
        if not isinstance(value, str):
            raise ValueError(f"{name} must be a string, got {value!r}")
        return value
    if origin is tuple:
        items = [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)):
            raise ValueError(f"{name} must be a list or a comma-separated string, got {value!r}")
        (item_hint, *_rest) = typing.get_args(hint) or (str,)
        return tuple(coerce(item, item_hint, f"{name}[{i}]") for i, item in enumerate(items))
    if hint is dict or origin is dict:
        return dict(_to_mapping(value, name))
    if dataclasses.is_dataclass(hint):
        if isinstance(value, hint):
            return value
        return from_mapping(hint, _to_mapping(value, name))
    return value  # a type this loader does not convert: the dataclass checks it itself


def _is_optional(hint) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint)


def _to_bool(value, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"{name} must be true or false, got {value!r}")


def _to_int(value, name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value.strip())
    raise ValueError(f"{name} must be an integer, got {value!r}")


def _to_float(value, name: str) -> float:
    number = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if number is None or not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def _to_mapping(value, name: str) -> Mapping:
    if isinstance(value, str):  # from an environment variable or a command-line flag: JSON text
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise ValueError(f"{name} must be a JSON object, got {value[:80]!r}") from None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = to_dict(value)
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a mapping, got {type(value).__name__}")
    return value


def to_dict(instance) -> dict:
    """A JSON-ready copy: nested configurations as dicts, tuples as lists."""
    def plain(value):
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {key: plain(value) for key, value in dataclasses.asdict(instance).items()}


def add_arguments(parser: argparse.ArgumentParser, cls) -> None:
    """One option per field that has a `cli` flag, with its help text and default from the field."""
    for item in dataclasses.fields(cls):
        flag = item.metadata.get("cli")
        if not flag:
            continue
        default = item.default if item.default is not dataclasses.MISSING else None
        if isinstance(default, tuple):
            default = ",".join(map(str, default))
        text = item.metadata["help"] + ("" if default in (None, "") else f" (default {default})")
        parser.add_argument(flag, dest=f"config_{item.name}", metavar=item.metadata.get("metavar"),
                            help=text.replace("%", "%%"))


def overrides_from_args(args: argparse.Namespace, cls) -> dict[str, str]:
    """{field: raw string} for every `add_arguments` option given on the command line."""
    found = {}
    for item in dataclasses.fields(cls):
        value = getattr(args, f"config_{item.name}", None)
        if item.metadata.get("cli") and value is not None:
            found[item.name] = value
    return found
