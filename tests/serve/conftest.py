"""Fixtures for the HTTP demo: fake models, a palette `Model`, and a real uvicorn server on a free port."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from svgllm.config import ModelConfig
from svgllm.model import Model, Prediction

pytest.importorskip("fastapi", reason="the 'serve' extra is not installed")
pytest.importorskip("uvicorn", reason="the 'serve' extra is not installed")
httpx = pytest.importorskip("httpx", reason="the 'serve' extra is not installed")


REPO = Path(__file__).resolve().parents[2]
SERVER_START_S = 60.0  # a cold start on a loaded 2-core machine imports FastAPI, cairo and the model


class FakeModel:
    """A stand-in `Model`: answers `svg` after `delay_s`, counts loads and calls, records overlap."""

    def __init__(self, svg: str | None = None, delay_s: float = 0.0, fail_load: bool = False, raises=None):
        self.config = ModelConfig(backends=("fake",))
        self.svg = svg if svg is not None else (
            '<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 384 384">'
            '<rect width="384" height="384" fill="#123456"/></svg>')
        self.delay_s = delay_s
        self.fail_load = fail_load
        self.raises = raises
        self.loads = 0
        self.calls: list[str] = []
        self.threads: set[str] = set()
        self.running = 0
        self.max_running = 0
        self._lock = threading.Lock()

    @property
    def backends(self):
        self.loads += 1
        self.threads.add(threading.current_thread().name)
        if self.fail_load:
            raise RuntimeError("weights not found")
        return []

    def predict_with_info(self, description):
        with self._lock:
            self.running += 1
            self.max_running = max(self.max_running, self.running)
            self.calls.append(description)
        self.threads.add(threading.current_thread().name)
        try:
            time.sleep(self.delay_s)
            if self.raises is not None:
                raise self.raises
            return Prediction(self.svg, "fake", self.delay_s)
        finally:
            with self._lock:
                self.running -= 1


@pytest.fixture
def fake_model_class():
    """The FakeModel class (fixtures cannot be imported across test folders without packages)."""
    return FakeModel


@pytest.fixture(scope="session")
def palette_model():
    """The real `Model` with the fast, deterministic palette backend only."""
    return Model(ModelConfig(backends=("palette",)))


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen | None = None, timeout_s: float = SERVER_START_S):
    """Poll GET /health until it answers 200; fail with the server's output if it dies or never does."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"server exited with {process.returncode}:\n{output}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"server at {url} not healthy after {timeout_s:.0f} s")


@contextlib.contextmanager
def server_process(arguments: list[str], env: dict[str, str]):
    """Run `python <arguments>` with `{port}` filled in by a free port; yield its URL once healthy."""
    port = free_port()
    command = [sys.executable, *(argument.format(port=port) for argument in arguments)]
    process = subprocess.Popen(
        command, cwd=REPO, env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


@pytest.fixture
def spawn_server():
    """The `server_process` context manager (for tests that start their own server process)."""
    return server_process


@pytest.fixture(scope="session")
def palette_server():
    """`python -m uvicorn svgllm.serve:app` on 127.0.0.1 (a free port) with the palette chain; yields its URL."""
    arguments = ["-m", "uvicorn", "svgllm.serve:app", "--host", "127.0.0.1", "--port", "{port}",
                 "--log-level", "warning"]
    with server_process(arguments, {"SVGLLM_BACKENDS": "palette"}) as url:  # default queue (32) > burst
        yield url


@pytest.fixture
def run_in_thread_server():
    """Start uvicorn in this process for an app (so tests can plug in a FakeModel); returns its URL."""
    import uvicorn

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app) -> str:
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        servers.append((server, thread))
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url)
        return url

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=15)
