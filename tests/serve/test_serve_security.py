"""Security headers on every answer, the script-free /docs page, and queue places freed by clients that hung up."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from svgllm.serve import ServeSettings, create_app

GOOD = "a crimson square on a teal background"
REQUIRED = {"content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options",
            "cross-origin-opener-policy", "permissions-policy"}


def assert_hardened(response):
    missing = REQUIRED - set(response.headers)
    assert not missing, (response.request.url, response.status_code, missing)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]


@pytest.fixture
def palette_client(palette_model):
    with TestClient(create_app(model=palette_model)) as client:
        yield client


def test_every_kind_of_answer_carries_the_headers(palette_client):
    answers = [
        palette_client.get("/"), palette_client.get("/assets/page.js"), palette_client.get("/docs"),
        palette_client.get("/health"), palette_client.get("/openapi.json"),
        palette_client.post("/predict", json={"description": GOOD}),  # 200
        palette_client.post("/predict", json={"description": ""}),  # 422
        palette_client.post("/predict", content=b"x" * 20_000, headers={"Content-Type": "application/json"}),  # 413
        palette_client.get("/nowhere"),  # 404
        palette_client.get("/predict"),  # 405
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 200, 200, 422, 413, 404, 405]
    for answer in answers:
        assert_hardened(answer)
    api_policy = answers[5].headers["content-security-policy"]
    assert api_policy.startswith("default-src 'none'") and "script-src" not in api_policy  # JSON runs nothing


def test_error_answers_of_the_model_carry_the_headers(fake_model_class):
    with TestClient(create_app(model=fake_model_class(raises=RuntimeError("boom")))) as client:
        assert_hardened(client.post("/predict", json={"description": GOOD}))  # 500 from a failing model
    assert_hardened(TestClient(create_app(model=fake_model_class())).post("/predict", json={"description": GOOD}))


def test_an_unhandled_error_is_a_500_with_the_headers(fake_model_class):
    class BrokenConfig(fake_model_class):
        @property
        def config(self):  # /health reads it: an error no route expects
            raise RuntimeError("config store unreachable")

        @config.setter
        def config(self, _value):
            pass

    app = create_app(model=BrokenConfig(), settings=ServeSettings(timeout_s=5))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/health")
    assert response.status_code == 500 and "internal server error" in response.json()["detail"]
    assert_hardened(response)


def test_docs_are_local_and_script_free_under_a_strict_policy(palette_client):
    response = palette_client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    text, policy = response.text, response.headers["content-security-policy"]
    assert "<script" not in text and "script-src" not in policy  # default-src 'none' covers scripts
    assert not re.search(r"(src|href)=\"(https?:)?//", text)  # nothing from another host (no CDN)
    (css,) = re.findall(r"<style>(.*?)</style>", text, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy  # the one inline stylesheet is allowed, by its hash
    # the reference tells what the schema tells: the route, its limits and its answers
    assert "/predict" in text and "maxLength 200" in text and "PredictResponse" in text
    assert "{&quot;description&quot;: &quot;a teal spruce woodland at twilight&quot;}" in text  # the schema's example
    for status in ("422", "503", "504"):
        assert f"<td>{status}</td>" in text


def test_docs_escape_what_the_schema_holds(fake_model_class):
    from svgllm.serve.docs import render_docs

    page = render_docs({"info": {"title": "<script>x</script>"}, "paths": {
        "/a": {"get": {"summary": '"><img src=x>', "responses": {"200": {"description": "<b>ok</b>"}}}}}})
    assert "<script>x" not in page and "<img src=x>" not in page and "<b>ok" not in page
    assert "&lt;script&gt;x" in page


def raw_predict(url: str, description: str) -> socket.socket:
    """Send a whole POST /predict on a raw socket and return it unread (the caller hangs up by closing it)."""
    host, port = url.removeprefix("http://").split(":")
    body = json.dumps({"description": description}).encode()
    sock = socket.create_connection((host, int(port)))
    sock.sendall(b"POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    return sock


def wait_for(condition, timeout_s=10.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_requests_whose_clients_left_free_their_queue_places(fake_model_class, run_in_thread_server):
    model = fake_model_class(delay_s=5.0)  # long enough to fill and empty the queue while it runs
    url = run_in_thread_server(create_app(model=model, settings=ServeSettings(queue_size=2, timeout_s=60)))
    in_flight = lambda: httpx.get(url + "/health", timeout=5).json()["in_flight"]  # noqa: E731
    first: dict = {}
    running = threading.Thread(target=lambda: first.update(
        answer=httpx.post(url + "/predict", json={"description": "slow first"}, timeout=60)))
    running.start()
    assert wait_for(lambda: model.running == 1)
    sockets = [raw_predict(url, f"abandoned {index}") for index in range(2)]
    assert wait_for(lambda: in_flight() == 3)  # one running, the queue (2) full
    assert httpx.post(url + "/predict", json={"description": "refused"}, timeout=10).status_code == 503
    for sock in sockets:
        sock.close()  # the clients go away while their requests still wait
    assert wait_for(lambda: in_flight() == 1, timeout_s=2.0)  # freed at once, long before the first one ends
    assert model.running == 1
    answer = httpx.post(url + "/predict", json={"description": "real"}, timeout=60)
    assert answer.status_code == 200 and answer.headers["content-security-policy"]
    running.join(timeout=60)
    assert first["answer"].status_code == 200
    assert model.calls == ["slow first", "real"]  # the abandoned requests never reached the model
