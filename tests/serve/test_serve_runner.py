"""`ModelRunner`: one call at a time, a bounded queue, timeouts that drop queued work."""
from __future__ import annotations

import asyncio
import threading
import time

import pytest
from svgllm.serve.runner import ModelRunner, QueueFull, RequestTimeout, RunnerClosed


class Recorder:
    """A blocking job that records how many copies run at once."""

    def __init__(self, delay_s: float):
        self.delay_s = delay_s
        self.running = 0
        self.max_running = 0
        self.done: list[int] = []
        self._lock = threading.Lock()

    def __call__(self, index: int) -> int:
        with self._lock:
            self.running += 1
            self.max_running = max(self.max_running, self.running)
        time.sleep(self.delay_s)
        with self._lock:
            self.running -= 1
            self.done.append(index)
        return index * 10


def test_calls_run_one_at_a_time_in_order():
    runner = ModelRunner(queue_size=8, timeout_s=10)
    job = Recorder(0.02)

    async def main():
        return await asyncio.gather(*(runner.run(job, index) for index in range(6)))

    try:
        assert asyncio.run(main()) == [0, 10, 20, 30, 40, 50]
    finally:
        runner.shutdown()
    assert job.max_running == 1
    assert job.done == list(range(6))
    assert runner.in_flight == 0


def test_a_full_queue_refuses_at_once():
    runner = ModelRunner(queue_size=2, timeout_s=10)
    job = Recorder(0.3)

    async def main():
        return await asyncio.gather(*(runner.run(job, index) for index in range(5)), return_exceptions=True)

    try:
        started = time.monotonic()
        results = asyncio.run(main())
    finally:
        runner.shutdown()
    assert results[:3] == [0, 10, 20]  # one running + two waiting
    assert all(isinstance(result, QueueFull) for result in results[3:])
    assert job.done == [0, 1, 2]
    assert time.monotonic() - started < 3  # the refused ones did not wait for the others


def test_timeout_answers_in_time_and_drops_queued_work():
    runner = ModelRunner(queue_size=4, timeout_s=0.2)
    job = Recorder(1.0)

    async def main():
        return await asyncio.gather(*(runner.run(job, index) for index in range(3)), return_exceptions=True)

    try:
        started = time.monotonic()
        results = asyncio.run(main())
        elapsed = time.monotonic() - started
        assert all(isinstance(result, RequestTimeout) for result in results)
        assert elapsed < 0.9  # nobody waited for the 1 s job
        deadline = time.monotonic() + 10
        while runner.in_flight and time.monotonic() < deadline:  # let the running one finish
            time.sleep(0.05)
        assert job.done == [0]  # the two queued calls were cancelled, never run
        assert runner.in_flight == 0
    finally:
        runner.shutdown()


def test_errors_propagate_and_a_closed_runner_refuses():
    runner = ModelRunner(queue_size=1, timeout_s=5)

    def fail():
        raise KeyError("nope")

    with pytest.raises(KeyError):
        asyncio.run(runner.run(fail))
    assert runner.in_flight == 0
    runner.shutdown()
    with pytest.raises(RunnerClosed):
        asyncio.run(runner.run(fail))
    assert runner.in_flight == 0


@pytest.mark.parametrize(("queue_size", "timeout_s"), [(-1, 1.0), (1, 0.0)])
def test_bad_settings_are_refused(queue_size, timeout_s):
    with pytest.raises(ValueError):
        ModelRunner(queue_size=queue_size, timeout_s=timeout_s)
