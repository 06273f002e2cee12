"""One way to load configuration: typed dataclasses, checked and converted by one loader.

A configuration is a dataclass whose fields are declared with `option(...)`: a default, the help text (written
once: the command line and the docs use it), and optionally the environment variable suffix, the command-line
flag, allowed `choices` (or a `Literal[...]` type) and a numeric `bounds` range. The loader
- rejects unknown keys, naming them with their path (`from_mapping`; a typo is an error, not a no-op);
- converts every value to the field's declared type one way, whether it came from code, JSON, YAML, an
  environment string or a flag (`coerce_fields`, called by the dataclass's `__post_init__`): "4" -> 4,
  "true" -> True, "a,b" -> a tuple or list, a dict -> a nested configuration dataclass (None: its defaults);
  anything else is a ValueError naming the field, nested fields by their dotted path ("lora.r"); a dataclass
  deriving from `Checked` gets that `__post_init__`;
- reads files (`read_mapping`: JSON or YAML) and environment variables (`from_env`, errors name the variable);
- builds argparse options from the metadata, nested sections included (`add_arguments`), and reads them back,
  converted, errors naming the flag (`overrides_from_args`).
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
from collections.abc import Collection, Mapping
from pathlib import Path

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
_NONE = ("", "none", "null")
_DEST = "config_"  # argparse destinations of generated options: config_<dotted field path>


def option(default=dataclasses.MISSING, *, help: str, factory=dataclasses.MISSING, env: str | None = None,
           cli: str | None = None, metavar: str | None = None, choices: tuple | None = None,
           bounds: tuple[float | None, float | None] | None = None, open_bounds: tuple[bool, bool] = (False, False)):
    """A dataclass field with its help text and loading metadata (see the module docstring).

    `env`: suffix of the environment variable (after the configuration's prefix); `cli`: the flag, e.g.
    "--deadline"; `choices`: allowed values; `bounds`: (low, high), either may be None, inclusive unless
    `open_bounds` says otherwise (e.g. (True, False): low < value <= high).
    """
    metadata = {"help": help, "env": env, "cli": cli, "metavar": metavar, "choices": choices, "bounds": bounds,
                "open_bounds": open_bounds}
    if factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


class Checked:
    """Base of a configuration dataclass whose fields need no check of their own: converted and checked on creation.

    A dataclass with its own `__post_init__` calls `coerce_fields(self)` there instead.
    """

    def __post_init__(self):
        coerce_fields(self)


def label(cls, path: str = "") -> str:
    """How unknown-key errors name a configuration: its `config_label`, else "<Name> keys" ("keys in <path>")."""
    if hasattr(cls, "config_label"):
        return cls.config_label
    return f"keys in {path.rstrip('.')}" if path else f"{cls.__name__} keys"


def field_name(cls, name: str) -> str:
    """How value errors name a field: prefixed with the class's `config_field_prefix` (e.g. "llm.")."""
    return getattr(cls, "config_field_prefix", "") + name


@functools.cache
def _hints(cls) -> dict[str, object]:
    return typing.get_type_hints(cls)


def from_mapping(cls, values: Mapping | None, path: str | None = None):
    """Build `cls` from a mapping; unknown keys raise ValueError naming them (with `path`, e.g. "lora.").

    Every given value is converted and checked here, named by its full path, before the dataclass is made.
    """
    if values is not None and not isinstance(values, Mapping):
        raise ValueError(f"{(path or '').rstrip('.') or cls.__name__} must be a mapping, got "
                         f"{type(values).__name__}")
    values = dict(values or {})
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(values) - set(fields), key=str)
    if unknown:
        names = ", ".join(f"{path or ''}{key}" for key in unknown)
        raise ValueError(f"unknown {label(cls, path or '')}: {names} (known: {', '.join(sorted(fields))})")
    prefix = field_name(cls, "") if path is None else path
    hints = _hints(cls)
    converted = {key: check_field(fields[key], hints[key], value, prefix + key) for key, value in values.items()}
    return cls(**converted)


def read_mapping(path: str | os.PathLike) -> dict:
    """The object held by a JSON file, or a YAML one (.yaml/.yml; an empty file is {}); errors name the file."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    is_yaml = path.suffix.lower() in (".yaml", ".yml")
    if is_yaml:
        import yaml  # only configurations kept as YAML (dataset builds, training recipes) need PyYAML

        try:
            values = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise ValueError(f"config file {path} is not valid YAML: {error}") from None
        values = {} if values is None else values
    else:
        try:
            values = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"config file {path} is not valid JSON: {error}") from None
    if not isinstance(values, dict):
        kind = "a mapping" if is_yaml else "a JSON object"
        raise ValueError(f"config file {path} must hold {kind} (of keys), got {type(values).__name__}")
    return values


def from_file(cls, path: str | os.PathLike):
    """Build `cls` from a JSON or YAML file holding its keys."""
    return from_mapping(cls, read_mapping(path))


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


def from_env(cls, environ: Mapping[str, str], prefix: str, base: Mapping | None = None):
    """`cls` from `base` (e.g. a file's values) overridden by its environment variables; errors name the variable."""
    values = dict(base or {})
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for name, raw in env_values(cls, environ, prefix).items():
        item = fields[name]
        try:
            values[name] = check_field(item, hints[name], raw, field_name(cls, name))
        except ValueError as error:
            raise ValueError(f"{prefix}{item.metadata['env']}: {error}") from None
    return from_mapping(cls, values)


def coerce_fields(instance) -> None:
    """Convert every field of `instance` to its declared type and check choices/bounds (ValueError names it)."""
    cls = type(instance)
    hints = _hints(cls)
    for item in dataclasses.fields(cls):
        value = check_field(item, hints[item.name], getattr(instance, item.name), field_name(cls, item.name))
        setattr(instance, item.name, value)


def check_field(item: dataclasses.Field, hint, value, name: str):
    """`value` converted to the field's type and checked against its `choices` and `bounds` (or ValueError)."""
    value = coerce(value, hint, name)
    choices, bounds = item.metadata.get("choices"), item.metadata.get("bounds")
    if choices is not None and value is not None and value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(str, choices))}, got {value!r}")
    if bounds is not None and value is not None:
        (low, high), (low_open, high_open) = bounds, item.metadata.get("open_bounds", (False, False))
        below = low is not None and (value <= low if low_open else value < low)
        above = high is not None and (value >= high if high_open else value > high)
        if below or above:
            kind = "an integer" if _is_int(hint) else "a number"
            raise ValueError(f"{name} must be {kind} in {interval(item)}, got {value!r}")
    return value


def interval(item: dataclasses.Field) -> str | None:
    """A field's `bounds` in interval notation, "[1, ...]" or "(0, 300)" (None without bounds)."""
    if item.metadata.get("bounds") is None:
        return None
    (low, high), (low_open, high_open) = item.metadata["bounds"], item.metadata.get("open_bounds", (False, False))
    return f"{'(' if low_open else '['}{_show(low)}, {_show(high)}{')' if high_open else ']'}"


def choices_of(item: dataclasses.Field, hint) -> tuple | None:
    """The allowed values of a field: its `choices`, or the arms of a `Literal[...]` type (None: any)."""
    if item.metadata.get("choices") is not None:
        return tuple(item.metadata["choices"])
    arms = [arm for arm in _arms(hint) if typing.get_origin(arm) is typing.Literal]
    return tuple(value for arm in arms for value in typing.get_args(arm)) or None


def _show(limit) -> str:
    return "..." if limit is None else str(limit)


def _is_int(hint) -> bool:
    return int in _arms(hint)


def _is_optional(hint) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint)


def _arms(hint) -> tuple:
    """The types a hint allows: the arms of a union (None left out), else the hint itself."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(arm for arm in typing.get_args(hint) if arm is not type(None))
    return (hint,)


def coerce(value, hint, name: str):
    """`value` as type `hint` or ValueError naming `name`.

    Types: bool, int, float, str, Literal[...], X | None, unions (arms tried in order), tuple[X, ...],
    tuple[X, Y], list[X], dict[K, V], a configuration dataclass (from a mapping; None gives its defaults).
    """
    arms = _arms(hint)
    if _is_optional(hint) and (value is None or (isinstance(value, str) and value.strip().lower() in _NONE)):
        return None
    if len(arms) > 1:
        for arm in arms:
            try:
                return coerce(value, arm, name)
            except ValueError:
                continue
        raise ValueError(f"{name} must be {' or '.join(map(_describe, arms))}, got {value!r}")
    return _coerce_one(value, arms[0], name)


def _coerce_one(value, hint, name: str):
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
    if origin is typing.Literal:
        return _to_literal(value, typing.get_args(hint), name)
    if hint in (tuple, list) or origin in (tuple, list):
        return _to_sequence(value, hint, name)
    if hint is dict or origin is dict:
        mapping = _to_mapping(value, name)
        key_hint, value_hint = typing.get_args(hint) or (None, None)
        if value_hint is None:
            return dict(mapping)
        return {coerce(key, key_hint, f"{name} key"): coerce(item, value_hint, f"{name}.{key}")
                for key, item in mapping.items()}
    if dataclasses.is_dataclass(hint):
        if isinstance(value, hint):
            return value
        if value is None:
            return hint()  # an empty YAML section: the defaults
        return from_mapping(hint, _to_mapping(value, name), path=f"{name}.")
    return value  # a type this loader does not convert: the dataclass checks it itself


def _describe(hint) -> str:
    """A type in words, for 'must be A or B' messages."""
    origin = typing.get_origin(hint) or hint
    words = {bool: "true or false", int: "an integer", float: "a number", str: "a string", list: "a list",
             tuple: "a list", dict: "a mapping", typing.Literal: "one of " + ", ".join(map(str, typing.get_args(hint)))}
    return words.get(origin, getattr(hint, "__name__", str(hint)))


def _to_literal(value, allowed: tuple, name: str):
    for choice in allowed:
        if type(choice) is type(value) and choice == value:  # True is not 1, 1 is not 1.0
            return choice
    if isinstance(value, str):  # from an environment variable or a flag: match the spelling of a choice
        for choice in allowed:
            if str(choice) == value.strip():
                return choice
    raise ValueError(f"{name} must be one of {', '.join(map(str, allowed))}, got {value!r}")


def _to_sequence(value, hint, name: str):
    if isinstance(value, str):
        items = [part.strip() for part in value.split(",") if part.strip()]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise ValueError(f"{name} must be a list or a comma-separated string, got {value!r}")
    kind = typing.get_origin(hint) or hint
    args = typing.get_args(hint)
    if kind is tuple and args and args[-1] is not Ellipsis:  # fixed length: one type per position
        if len(items) != len(args):
            raise ValueError(f"{name} must have {len(args)} items, got {len(items)}")
        return tuple(coerce(item, arg, f"{name}[{i}]") for i, (item, arg) in enumerate(zip(items, args, strict=True)))
    item_hint = args[0] if args else (str if kind is tuple else None)
    converted = [item if item_hint is None else coerce(item, item_hint, f"{name}[{i}]") for i, item in enumerate(items)]
    return tuple(converted) if kind is tuple else converted


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
    elif isinstance(value, str):  # also YAML 1.1's "2e-4" (no dot), which PyYAML reads as a string
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
            raise ValueError(f"{name} must be a mapping (a JSON object), got {value[:80]!r}") from None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = to_dict(value)
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a mapping, got {type(value).__name__}")
    return value


def to_dict(instance) -> dict:
    """A JSON-ready copy: nested configurations as dicts, tuples as lists."""
    def plain(value):
        if isinstance(value, (tuple, list)):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return {key: plain(value) for key, value in dataclasses.asdict(instance).items()}


def add_arguments(parser: argparse.ArgumentParser, cls, path: str = "", only: Collection[str] | None = None) -> None:
    """One option per field that has a `cli` flag (nested sections too), with its help text and default.

    `only`: the dotted field paths to add (e.g. {"data.dataset"}); None: every field with a flag.
    """
    hints = _hints(cls)
    for item in dataclasses.fields(cls):
        flag, hint = item.metadata.get("cli"), hints[item.name]
        if not flag:
            if dataclasses.is_dataclass(hint):
                add_arguments(parser, hint, f"{path}{item.name}.", only)
            continue
        if only is not None and path + item.name not in only:
            continue
        default = item.default if item.default is not dataclasses.MISSING else None
        if isinstance(default, (tuple, list)):
            default = ",".join(map(str, default))
        notes = [f"default {default}"] if default not in (None, "") else []
        notes += [f"in {interval(item)}"] if interval(item) else []
        text = item.metadata["help"] + (f" ({'; '.join(notes)})" if notes else "")
        choices = choices_of(item, hint)
        metavar = item.metadata.get("metavar") or (None if choices else item.name.upper())  # choices show as {a,b}
        parser.add_argument(flag, dest=f"{_DEST}{path}{item.name}", metavar=metavar,
                            choices=[str(c) for c in choices] if choices else None, help=text.replace("%", "%%"))


def overrides_from_args(args: argparse.Namespace, cls, path: str = "") -> dict:
    """{field: value} for every `add_arguments` option given, converted (nested sections as nested dicts).

    A value that does not convert is a ValueError naming the flag and the field.
    """
    found: dict = {}
    hints = _hints(cls)
    for item in dataclasses.fields(cls):
        flag, hint = item.metadata.get("cli"), hints[item.name]
        if not flag:
            if dataclasses.is_dataclass(hint):
                nested = overrides_from_args(args, hint, f"{path}{item.name}.")
                if nested:
                    found[item.name] = nested
            continue
        value = getattr(args, f"{_DEST}{path}{item.name}", None)
        if value is not None:
            try:
                found[item.name] = check_field(item, hint, value, path + item.name)
            except ValueError as error:
                raise ValueError(f"{flag}: {error}") from None
    return found


def merge(base: Mapping, overrides: Mapping) -> dict:
    """`base` with `overrides` laid over it, nested mappings merged key by key (for file + flags)."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged
