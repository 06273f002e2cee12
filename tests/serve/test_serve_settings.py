"""ServeSettings: one loader (svgllm.dataconfig), the same defaults and variables, flags made from the fields."""
from __future__ import annotations

import argparse
import dataclasses

import pytest
from svgllm.serve import ServeSettings
from svgllm.serve.cli import register, settings_from_args


def test_defaults_and_environment_are_as_before():
    assert ServeSettings() == ServeSettings.from_env({})
    assert ServeSettings().to_dict() == {"host": "127.0.0.1", "port": 8000, "timeout_s": None, "queue_size": 32,
                                         "log_level": "info"}
    settings = ServeSettings.from_env({"SVGLLM_SERVE_TIMEOUT_S": "12.5", "SVGLLM_SERVE_QUEUE": "3"})
    assert (settings.timeout_s, settings.queue_size) == (12.5, 3)
    assert ServeSettings.from_dict(settings.to_dict()) == settings  # round trip


@pytest.mark.parametrize(("call", "message"), [
    (lambda: ServeSettings.from_env({"SVGLLM_SERVE_QUEUE": "many"}),
     "SVGLLM_SERVE_QUEUE: queue_size must be an integer, got 'many'"),
    (lambda: ServeSettings.from_env({"SVGLLM_SERVE_TIMEOUT_S": "-1"}),
     r"SVGLLM_SERVE_TIMEOUT_S: timeout_s must be a number in \(0, \.\.\.\], got -1\.0"),
    (lambda: ServeSettings.from_dict({"queue": 3}), r"unknown ServeSettings keys: queue \(known: host, log_level,"),
    (lambda: ServeSettings(port="http"), "port must be an integer, got 'http'"),
    (lambda: ServeSettings(log_level="loud"), "log_level must be one of critical, error, warning, info, debug"),
])
def test_bad_settings_name_the_field(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def _serve_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="svgllm")
    register(parser.add_subparsers(dest="command"))
    return parser


def test_serve_flags_are_made_from_the_fields(capsys, monkeypatch):
    with pytest.raises(SystemExit):
        _serve_parser().parse_args(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for item in dataclasses.fields(ServeSettings):
        assert item.metadata["cli"] in text and " ".join(item.metadata["help"].split()) in text
    assert "--deadline" in text  # and the model's options, from ModelConfig
    monkeypatch.setenv("SVGLLM_SERVE_QUEUE", "5")
    monkeypatch.setenv("SVGLLM_SERVE_TIMEOUT_S", "40")
    args = _serve_parser().parse_args(["serve", "--port", "9000", "--timeout", "7.5", "--log-level", "debug"])
    settings = settings_from_args(args)
    # flags over variables over defaults
    assert settings == ServeSettings(port=9000, timeout_s=7.5, queue_size=5, log_level="debug")
    with pytest.raises(SystemExit):
        _serve_parser().parse_args(["serve", "--log-level", "loud"])
    with pytest.raises(ValueError, match="--queue: queue_size must be an integer, got 'x'"):
        settings_from_args(_serve_parser().parse_args(["serve", "--queue", "x"]))
