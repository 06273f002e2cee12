"""The killable worker: answers, errors, timeouts, crashes, reuse, threads, nesting, spawn (not fork)."""
import math
import os
import threading
import time

import pytest
from svgllm import isolation
from svgllm.isolation import call_isolated, shutdown, warm_up, worker_pid


@pytest.fixture(autouse=True)
def _ready_worker():
    assert warm_up()
    yield


def test_value_comes_back_from_another_process():
    assert call_isolated("operator:add", (2, 3), 10) == ("ok", 5)
    status, pid = call_isolated("os:getpid", (), 10)
    assert status == "ok" and pid != os.getpid() and pid == worker_pid()


def test_worker_is_reused_between_calls():
    first = call_isolated("os:getpid", (), 10)
    second = call_isolated("os:getpid", (), 10)
    assert first == second


def test_exception_is_reported_and_worker_survives():
    pid = worker_pid()
    status, detail = call_isolated("math:sqrt", (-1,), 10)
    assert status == "error" and "ValueError" in detail
    assert worker_pid() == pid


def test_unpicklable_result_is_an_error_not_a_hang():
    pid = worker_pid()
    status, detail = call_isolated("threading:Lock", (), 10)
    assert status == "error" and "could not be sent back" in detail
    assert call_isolated("operator:mul", (4, 5), 10) == ("ok", 20) and worker_pid() == pid


def test_overrun_is_killed_within_the_limit_and_worker_restarts():
    pid = worker_pid()
    started = time.monotonic()
    status, detail = call_isolated("time:sleep", (30,), 0.5)
    elapsed = time.monotonic() - started
    assert status == "timeout" and "killed" in detail
    assert elapsed < 5, elapsed  # limit plus the kill, with room for a loaded machine
    with pytest.raises(ProcessLookupError):  # the overrunning worker is gone, not left running
        os.kill(pid, 0)
    assert worker_pid() is None  # restarted lazily, by the next call
    assert call_isolated("operator:add", (1, 1), 60) == ("ok", 2)
    assert worker_pid() not in (None, pid)


def test_crash_in_the_worker_is_an_error_and_the_next_call_works():
    status, detail = call_isolated("os:_exit", (3,), 10)
    assert status == "error" and "exit code 3" in detail
    assert call_isolated("operator:add", (2, 2), 60) == ("ok", 4)


def test_worker_is_spawned_not_forked():
    # a forked child would inherit this attribute set at run time; a spawned one imports math afresh
    math.svgllm_isolation_marker = 1
    try:
        status, detail = call_isolated("pkgutil:resolve_name", ("math:svgllm_isolation_marker",), 10)
    finally:
        del math.svgllm_isolation_marker
    assert status == "error" and "AttributeError" in detail


def test_concurrent_calls_from_threads_each_get_their_own_answer():
    results: dict[int, tuple] = {}

    def work(n: int) -> None:
        results[n] = call_isolated("operator:mul", (n, n), 30)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {n: ("ok", n * n) for n in range(12)}


def test_waiting_for_a_busy_worker_counts_against_the_timeout():
    blocker = threading.Thread(target=call_isolated, args=("time:sleep", (1.5,), 10))
    blocker.start()
    time.sleep(0.2)
    started = time.monotonic()
    status, detail = call_isolated("operator:add", (1, 2), 0.3)
    assert status == "timeout" and "busy" in detail
    assert time.monotonic() - started < 1.2
    blocker.join()


def test_nested_call_runs_inline_inside_the_worker():
    status, inner = call_isolated("svgllm.isolation:call_isolated", ("os:getpid", (), 5), 10)
    assert status == "ok" and inner == ("ok", worker_pid())


def test_shutdown_stops_the_worker_and_a_call_starts_a_new_one():
    pid = worker_pid()
    shutdown()
    assert worker_pid() is None
    assert call_isolated("os:getpid", (), 60)[1] not in (None, pid)


def test_warm_up_preloads_modules_in_the_worker():
    assert warm_up(("colorsys",))
    status, loaded = call_isolated("sys:modules.__contains__", ("colorsys",), 10)
    assert status == "ok" and loaded is True
    assert isolation.worker_pid() is not None


def test_a_background_warm_up_does_not_hold_calls_past_their_limit():
    shutdown()
    booting = threading.Thread(target=warm_up)
    booting.start()
    started = time.monotonic()
    status, _ = call_isolated("operator:add", (1, 2), 0.05)
    assert time.monotonic() - started < 0.5  # a boot takes about a second; the call gave up at its own limit
    booting.join()
    assert status in ("timeout", "ok") and call_isolated("operator:add", (1, 2), 10) == ("ok", 3)
