"""`ModelRunner`: blocking model calls run one at a time on one thread, with a bounded queue and a timeout."""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class QueueFull(Exception):
    """Too many requests are already waiting for the model."""


class RequestTimeout(Exception):
    """A request got no answer in time (queue wait included)."""


class RunnerClosed(Exception):
    """The runner was shut down (the server is stopping)."""


class ModelRunner:
    """Serialises calls to a single model: one runs, at most `queue_size` wait, the rest are refused.

    A single worker thread (not a lock around a thread pool) keeps every call to the model, loading included,
    on the same thread, which some inference libraries expect. A call that times out while still queued is
    dropped; one already running cannot be interrupted and finishes in the background under the model's own
    deadline, while its caller is answered at once.
    """

    def __init__(self, queue_size: int = 32, timeout_s: float = 90.0):
        if queue_size < 0:
            raise ValueError(f"queue_size must be >= 0, got {queue_size}")
        if timeout_s <= 0:
            raise ValueError(f"timeout_s must be > 0, got {timeout_s}")
        self.queue_size = queue_size
        self.timeout_s = timeout_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="svgllm-serve")
        self._lock = threading.Lock()  # the count is decremented from the worker thread
        self._in_flight = 0

    @property
    def in_flight(self) -> int:
        """Calls running or waiting right now."""
        with self._lock:
            return self._in_flight

    async def run(self, function: Callable[..., T], *args, wait_forever: bool = False) -> T:
        """Run `function(*args)` on the model thread and await its result.

        Waits at most `timeout_s` unless `wait_forever` (loading the model at startup). Raises QueueFull when
        the queue is full, RequestTimeout when no answer came in time, RunnerClosed after `shutdown`, and
        whatever `function` raised.
        """
        limit = None if wait_forever else self.timeout_s
        with self._lock:
            if self._in_flight > self.queue_size:  # one running + queue_size waiting
                raise QueueFull(f"{self._in_flight} requests are already running or queued")
            self._in_flight += 1
        try:
            future: Future = self._executor.submit(function, *args)
        except RuntimeError:  # the executor is shut down: the server is stopping
            self._release(None)
            raise RunnerClosed("the model runner is shut down") from None
        future.add_done_callback(self._release)
        try:
            # Cancelling the asyncio wrapper on timeout also cancels the job if it has not started yet.
            return await asyncio.wait_for(asyncio.wrap_future(future), limit)
        except asyncio.TimeoutError:
            raise RequestTimeout(f"no answer within {limit:g} s") from None

    def _release(self, _future) -> None:
        with self._lock:
            self._in_flight -= 1

    def shutdown(self) -> None:
        """Drop queued calls and stop accepting new ones (a running call finishes in the background)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
