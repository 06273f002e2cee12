"""The HTTP API through FastAPI's TestClient: answers, bad inputs, errors, loading, the page and the schema."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from svgllm.config import ModelConfig
from svgllm.model import EMERGENCY_SVG, Model
from svgllm.rules import check
from svgllm.serve import ServeSettings, create_app

GOOD = "a crimson square on a teal background"


@pytest.fixture
def palette_client(palette_model):
    with TestClient(create_app(model=palette_model)) as client:
        yield client


def test_predict_returns_a_valid_svg_from_the_model(palette_client, palette_model):
    response = palette_client.post("/predict", json={"description": GOOD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"svg", "backend", "ms", "choice"}
    assert body["choice"] is None  # one candidate: nothing was chosen
    assert check(body["svg"]) == ()
    assert body["backend"] == "palette"
    assert body["ms"] >= 0
    # The server passes the model's answer through unchanged (palette is deterministic).
    assert body["svg"] == palette_model.predict(GOOD)


@pytest.mark.parametrize("description", ["x", "é" * 200, "🌲" * 200, "a" * 200])
def test_descriptions_of_1_to_200_characters_are_accepted(palette_client, description):
    response = palette_client.post("/predict", json={"description": description})
    assert response.status_code == 200, response.text
    assert check(response.json()["svg"]) == ()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"description": ""}, "'description' is empty"),
        ({"description": "   \t "}, "'description' is blank"),
        ({"description": "a" * 201}, "'description' is too long: at most 200 characters"),
        ({"description": "🌲" * 201}, "'description' is too long"),
        ({"description": 123}, "'description' must be a string"),
        ({"description": None}, "'description' must be a string"),
        ({"description": ["a red barn"]}, "'description' must be a string"),
        ({"description": {"text": "a red barn"}}, "'description' must be a string"),
        ({}, "'description' is missing"),
        ({"description": "a red barn", "seed": 3}, "unknown field 'seed'"),
        (["a red barn"], "must be a JSON object"),
        ("a red barn", "must be a JSON object"),
    ],
)
def test_bad_inputs_are_422_with_a_clear_message(palette_client, body, expected):
    response = palette_client.post("/predict", json=body)
    assert response.status_code == 422, response.text
    payload = response.json()
    assert expected in payload["detail"]
    assert payload["errors"] and all({"loc", "msg", "type"} <= set(error) for error in payload["errors"])


def test_invalid_json_is_422(palette_client):
    response = palette_client.post(
        "/predict", content=b'{"description": "a red', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert "not valid JSON" in response.json()["detail"]


def test_lone_surrogate_is_422(palette_client):
    response = palette_client.post(
        "/predict", content=b'{"description": "a \\ud800 barn"}', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert "not valid Unicode" in response.json()["detail"]


def test_oversized_body_is_413_before_parsing(palette_client):
    response = palette_client.post("/predict", content=b'{"description": "' + b"a" * 20_000 + b'"}',
                                   headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_oversized_streamed_body_is_413(palette_client):
    def chunks():  # no Content-Length: sent chunked, refused once past the limit
        yield b'{"description": "'
        for _ in range(100):
            yield b"a" * 1000
        yield b'"}'

    response = palette_client.post("/predict", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "too large: over 16384 bytes" in response.json()["detail"]
    # A small body sent the same way is fine.
    small = palette_client.post("/predict", content=iter([b'{"description": ', b'"a red barn"}']),
                                headers={"Content-Type": "application/json"})
    assert small.status_code == 200


def test_model_is_loaded_once_at_startup_on_the_model_thread(fake_model_class):
    model = fake_model_class()
    app = create_app(model=model)
    assert model.loads == 0  # building the app loads nothing
    with TestClient(app) as client:
        assert model.loads == 1
        for index in range(3):
            assert client.post("/predict", json={"description": f"scene {index}"}).status_code == 200
        assert model.loads == 1
        assert model.calls == ["scene 0", "scene 1", "scene 2"]
    # Loading and every prediction ran on the single model thread.
    assert len(model.threads) == 1
    assert next(iter(model.threads)).startswith("svgllm-serve")


def test_invalid_model_answer_is_replaced_by_a_valid_one(fake_model_class):
    evil = ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
            '<image href="data:image/png;base64,AAAA"/></svg>')
    with TestClient(create_app(model=fake_model_class(svg=evil))) as client:
        response = client.post("/predict", json={"description": GOOD})
    assert response.status_code == 200
    body = response.json()
    assert body["svg"] == EMERGENCY_SVG and body["backend"] == "emergency"
    assert "<script" not in body["svg"]


def test_a_model_that_raises_gives_500_with_a_message(fake_model_class):
    model = fake_model_class(raises=ValueError("boom"))
    with TestClient(create_app(model=model)) as client:
        response = client.post("/predict", json={"description": GOOD})
        assert response.status_code == 500
        assert "model failed" in response.json()["detail"]
        assert "boom" not in response.text  # internals stay in the log
        assert client.get("/health").json()["status"] == "ok"  # and the server goes on


def test_slow_model_gives_504_with_a_message(fake_model_class):
    model = fake_model_class(delay_s=1.0)
    with TestClient(create_app(model=model, settings=ServeSettings(timeout_s=0.2))) as client:
        response = client.post("/predict", json={"description": GOOD})
    assert response.status_code == 504
    assert "no answer within 0.2 s" in response.json()["detail"]


def test_requests_before_startup_are_503():
    client = TestClient(create_app(model=None))  # no `with`: the lifespan (startup) never ran
    response = client.post("/predict", json={"description": GOOD})
    assert response.status_code == 503
    assert "not loaded" in response.json()["detail"]


def test_health_reports_the_chain_and_a_failed_load(fake_model_class, palette_model):
    with TestClient(create_app(model=palette_model)) as client:
        health = client.get("/health").json()
    assert health["status"] == "ok" and health["backends"] == ["palette"] and health["in_flight"] == 0
    with TestClient(create_app(model=fake_model_class(fail_load=True))) as client:
        health = client.get("/health").json()
        assert health["status"] == "degraded"
        assert "weights not found" in health["error"]
        # The server still answers (the fake model itself still works here).
        assert client.post("/predict", json={"description": GOOD}).status_code == 200


def test_default_model_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("SVGLLM_BACKENDS", "palette")
    with TestClient(create_app()) as client:
        assert client.get("/health").json()["backends"] == ["palette"]
        response = client.post("/predict", json={"description": GOOD})
    assert response.status_code == 200 and check(response.json()["svg"]) == ()


def test_page_is_static_with_a_strict_policy(palette_client):
    page = palette_client.get("/?description=<script>alert(1)</script>")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)" not in page.text  # the query is never echoed by the server
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "img-src data:" in policy and "'unsafe-inline'" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert 'id="form"' in page.text and 'maxlength="200"' in page.text
    script = palette_client.get("/assets/page.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    # The answer is shown as an image and as text, never parsed as HTML.
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script.text
    assert "data:image/svg+xml;base64," in script.text and "textContent" in script.text
    assert palette_client.get("/assets/page.css").status_code == 200


def test_openapi_schema_documents_the_api(palette_client):
    schema = palette_client.get("/openapi.json").json()
    assert {"/predict", "/health"} <= set(schema["paths"])
    assert "/" not in schema["paths"]
    request = schema["components"]["schemas"]["PredictRequest"]["properties"]["description"]
    assert (request["minLength"], request["maxLength"], request["type"]) == (1, 200, "string")
    responses = schema["paths"]["/predict"]["post"]["responses"]
    assert {"200", "422", "503", "504"} <= set(responses)
    assert set(schema["components"]["schemas"]["PredictResponse"]["properties"]) == {"svg", "backend", "ms", "choice"}
    assert "ChoiceResponse" in schema["components"]["schemas"]


def test_importing_the_package_loads_no_web_framework_nor_model():
    code = ("import sys, json, svgllm.serve, svgllm.serve.cli; "
            "print(json.dumps([m for m in ('fastapi', 'uvicorn', 'svgllm.model', 'cairosvg') if m in sys.modules]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == []
    # ...while `uvicorn svgllm.serve:app` finds a FastAPI app (building it still loads no model).
    code = ("import sys, svgllm.serve as s; from fastapi import FastAPI; "
            "assert isinstance(s.app, FastAPI) and s.app is s.app; print('svgllm.model' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_best_of_n_reports_its_choice():
    """With candidates > 1 the answer says which candidates were scored and which one was kept."""
    model = Model(ModelConfig(backends=("composer", "palette"), candidates=3, deadline_s=30))
    with TestClient(create_app(model=model)) as client:
        response = client.post("/predict", json={"description": "a blue square on a white background"})
    assert response.status_code == 200, response.text
    body = response.json()
    choice = body["choice"]
    assert check(body["svg"]) == ()
    assert choice["scorer"] == "proxy" and len(choice["backends"]) >= 2
    assert len(choice["scores"]) == len(choice["backends"])
    assert body["backend"] == choice["backends"][choice["index"]]
    scored = [s for s in choice["scores"] if s is not None]
    assert scored and choice["scores"][choice["index"]] == max(scored)
