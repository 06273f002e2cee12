"""A real uvicorn on 127.0.0.1: a burst of concurrent requests, the queue bound, and the two entry points."""
from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from svgllm.rules import check
from svgllm.serve import ServeSettings, create_app

BURST = 20
DESCRIPTIONS = [
    "a crimson square on a teal background", "a teal spruce woodland at twilight",
    "an orange lighthouse under a grey sky", "a yellow kite over green hills", "a black cat on a white fence",
]


def _post_all(url: str, descriptions: list[str], timeout_s: float = 60.0) -> list[httpx.Response]:
    """POST every description at once (one thread and connection each) and return the responses in order."""
    def post(description: str) -> httpx.Response:
        return httpx.post(url + "/predict", json={"description": description}, timeout=timeout_s)

    with ThreadPoolExecutor(max_workers=len(descriptions)) as pool:
        return list(pool.map(post, descriptions))


def test_burst_of_concurrent_requests_all_get_valid_svgs(palette_server, palette_model):
    descriptions = [f"{DESCRIPTIONS[index % len(DESCRIPTIONS)]} #{index}" for index in range(BURST)]
    responses = _post_all(palette_server, descriptions)
    assert [response.status_code for response in responses] == [200] * BURST
    for description, response in zip(descriptions, responses, strict=True):
        body = response.json()
        assert check(body["svg"]) == (), description
        assert body["backend"] == "palette"
        # Each answer belongs to its own request (palette is deterministic), nothing was mixed up.
        assert body["svg"] == palette_model.predict(description)
    health = httpx.get(palette_server + "/health", timeout=10).json()
    assert health["status"] == "ok" and health["in_flight"] == 0
    bad = httpx.post(palette_server + "/predict", json={"description": "x" * 201}, timeout=10)
    assert bad.status_code == 422 and "too long" in bad.json()["detail"]


def test_overload_is_refused_cleanly_and_the_model_never_runs_twice_at_once(fake_model_class, run_in_thread_server):
    model = fake_model_class(delay_s=0.4)
    url = run_in_thread_server(create_app(model=model, settings=ServeSettings(queue_size=3, timeout_s=30)))
    responses = _post_all(url, [f"scene {index}" for index in range(10)])
    codes = sorted(response.status_code for response in responses)
    assert set(codes) <= {200, 503}
    assert 4 <= codes.count(200) < 10  # one running + three queued at least; the rest refused
    for response in responses:
        if response.status_code == 503:
            assert "busy" in response.json()["detail"] and response.headers["retry-after"]
        else:
            assert check(response.json()["svg"]) == ()
    assert model.max_running == 1
    assert len(model.calls) == codes.count(200)
    assert httpx.post(url + "/predict", json={"description": "after"}, timeout=30).status_code == 200


@pytest.mark.parametrize("entry", [["-m", "svgllm", "serve"], ["-m", "svgllm.serve"]], ids=["svgllm", "serve"])
def test_the_serve_command_starts_a_server(spawn_server, entry):
    arguments = [*entry, "--host", "127.0.0.1", "--port", "{port}", "--backends", "palette",
                 "--log-level", "warning"]
    with spawn_server(arguments, {}) as url:
        assert httpx.get(url + "/health", timeout=10).json()["backends"] == ["palette"]
        response = httpx.post(url + "/predict", json={"description": DESCRIPTIONS[0]}, timeout=60)
        assert response.status_code == 200 and check(response.json()["svg"]) == ()
        assert httpx.get(url + "/", timeout=10).status_code == 200


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--port", "99999"], "--port: port must be an integer in [0, 65535], got 99999"),
        (["--timeout", "0"], "--timeout: timeout_s must be a number in (0, ...], got 0.0"),
        (["--queue", "-1"], "--queue: queue_size must be an integer in [0, ...], got -1"),
        (["--config", "/nonexistent/config.json"], "config.json"),
        (["--backends", "palette,no-such-backend"], "unknown backend(s) no-such-backend"),
        (["--deadline", "0"], "--deadline: deadline_s must be a number in (0, 300.0), got 0.0"),
    ],
)
def test_cli_rejects_bad_options_with_a_message(arguments, message):
    result = subprocess.run([sys.executable, "-m", "svgllm.serve", *arguments], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert message in result.stderr
