"""Run a function in a persistent worker process that can be killed when it overruns.

Python cannot stop a thread, so work that may hang inside native code (cairo rendering a hostile SVG, say) has
to run in another process to be bounded by a wall-clock limit. One worker is kept alive and reused: a call costs
a pipe round trip (well under a millisecond, `benchmarks/bench_core.py`), not a process start.

    outcome, value = call_isolated("svgllm.render:render_problem", (svg, None), timeout_s=2.0)

`outcome` is "ok" (value = the function's return value), "error" (value = repr of what it raised, or why the
worker died) or "timeout" (value = a detail string). On a timeout the worker is killed; the next call (or
`warm_up`, which a caller with a deadline can run in a background thread) starts a new one. The worker is
started with the "spawn" method, never "fork": the parent may hold torch or llama.cpp threads, and a forked
copy of a process with threads can deadlock. A spawned child normally re-runs the parent's `__main__` script;
this one is started with `__main__` hidden for that instant, so it works the same from a script without a main
guard, a notebook, `python -c` or a script read from stdin.

Booting a worker (a fresh interpreter importing the target's module) takes a second or so; `warm_up()` does it
ahead of time. Time spent waiting for a booting worker counts against the call's timeout, but a worker that is
still booting is not killed: it will serve the next call. Calls are serialised over the one worker (thread-safe);
waiting for another thread's call also counts against the timeout. Inside the worker, `call_isolated` runs the
target inline: the outer call's limit already bounds it, and a worker cannot start workers of its own.
"""
from __future__ import annotations

import atexit
import importlib
import multiprocessing
import pkgutil
import sys
import threading
import time
import types

BOOT_TIMEOUT_S = 60.0  # how long warm_up() waits for a fresh interpreter to import its modules
_START_METHOD = "spawn"  # never "fork": see the module docstring
_in_worker = False  # True inside the worker process (set by `_serve`)


def import_modules(names: tuple[str, ...]) -> None:
    """Import the named modules (run in the worker by `warm_up`, so later calls skip the import)."""
    for name in names:
        importlib.import_module(name)


def _serve(connection, preload: tuple[str, ...]) -> None:
    """The worker's loop: import `preload`, say ready, then answer (target, args) requests until the pipe closes."""
    global _in_worker
    _in_worker = True
    try:
        import_modules(preload)
    except Exception:  # noqa: BLE001 - a failed preload only costs time later; the call will report it
        pass
    connection.send(("ready", None))
    while True:
        try:
            target, args = connection.recv()
        except (EOFError, OSError):  # the parent went away: nothing left to serve
            return
        try:
            reply = ("ok", pkgutil.resolve_name(target)(*args))
        except BaseException as error:  # noqa: BLE001 - report anything the target raised, SystemExit included
            reply = ("error", repr(error)[:500])
        try:
            connection.send(reply)
        except Exception as error:  # noqa: BLE001 - e.g. an unpicklable return value
            connection.send(("error", f"result could not be sent back: {error!r}"[:500]))


class _Worker:
    """One child process and the parent's end of its pipe."""

    def __init__(self, preload: tuple[str, ...]):
        context = multiprocessing.get_context(_START_METHOD)
        self.connection, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child_end, preload), name="svgllm-isolated",
                                       daemon=True)
        # The child must not re-run the parent's __main__ (it may start work at import, or not be a file at all):
        # spawn decides from sys.modules["__main__"], so a bare stand-in is shown while the child is launched.
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            self.process.start()
        finally:
            sys.modules["__main__"] = main
        child_end.close()  # only the child holds it now, so its death shows up here as EOF
        self.ready = False  # set once the child has said so (see wait_ready)
        self.ready_lock = threading.Lock()  # one reader of the "ready" message at a time

    def wait_ready(self, timeout_s: float) -> bool:
        """True once the child has finished booting; waits at most `timeout_s`."""
        started = time.monotonic()
        if self.ready or not self.ready_lock.acquire(timeout=max(0.0, timeout_s)):
            return self.ready
        try:
            left = timeout_s - (time.monotonic() - started)
            if not self.ready and self.connection.poll(max(0.0, left)):
                self.ready = self.connection.recv()[0] == "ready"
        except (EOFError, OSError):  # it died while booting; the caller discards it
            self.process.join(timeout=1.0)
        finally:
            self.ready_lock.release()
        return self.ready

    def kill(self) -> None:
        """Stop the child at once and release the pipe."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5.0)
        self.connection.close()


_lock = threading.Lock()
_worker: _Worker | None = None
_preload: tuple[str, ...] = ()  # modules every new worker imports before it says it is ready (see warm_up)


def _current_worker() -> _Worker:
    """The live worker, started if there is none (called with `_lock` held)."""
    global _worker
    if _worker is not None and not _worker.process.is_alive():
        _worker.kill()
        _worker = None
    if _worker is None:
        _worker = _Worker(_preload)
    return _worker


def _discard_worker() -> None:
    """Kill the current worker (called with `_lock` held); the next call or `warm_up` starts a fresh one."""
    global _worker
    if _worker is not None:
        _worker.kill()
        _worker = None


def call_isolated(target: str, args: tuple, timeout_s: float) -> tuple[str, object]:
    """Call `target(*args)` ("package.module:function") in the worker, waiting at most `timeout_s` seconds.

    Returns ("ok", value), ("error", repr of the exception or why the worker died) or ("timeout", detail).
    Never raises for the target's sake; `args` and the value must be picklable.
    """
    if _in_worker:  # nested: the enclosing call's limit bounds this one
        try:
            return "ok", pkgutil.resolve_name(target)(*args)
        except Exception as error:  # noqa: BLE001 - same contract as the isolated path
            return "error", repr(error)[:500]
    started = time.monotonic()

    def remaining() -> float:
        return timeout_s - (time.monotonic() - started)

    if not _lock.acquire(timeout=max(0.0, timeout_s)):
        return "timeout", f"worker busy with another call for {timeout_s:g} s"
    try:
        worker = _current_worker()
        if not worker.wait_ready(remaining()):
            if not worker.process.is_alive():
                worker.process.join(timeout=1.0)
                code = worker.process.exitcode
                _discard_worker()
                return "error", f"worker died while starting (exit code {code})"
            return "timeout", f"worker still starting after {timeout_s:g} s"
        try:
            worker.connection.send((target, args))
        except (OSError, EOFError) as error:  # it died between calls
            _discard_worker()
            return "error", f"worker unavailable: {error!r}"
        if not worker.connection.poll(max(0.0, remaining())):
            _discard_worker()
            return "timeout", f"no answer within {timeout_s:g} s; worker killed"
        try:
            return worker.connection.recv()
        except (EOFError, OSError):  # it crashed mid-call (a segfault in native code, or it was killed)
            worker.process.join(timeout=1.0)
            code = worker.process.exitcode
            _discard_worker()
            return "error", f"worker died during the call (exit code {code})"
    finally:
        _lock.release()


def warm_up(preload: tuple[str, ...] = (), timeout_s: float = BOOT_TIMEOUT_S) -> bool:
    """Start the worker now (importing `preload` modules in it) and wait until it is ready; True when it is.

    Starting is otherwise done by the first `call_isolated`; warming up moves that second off the clock. The
    modules are remembered: a worker restarted after a timeout imports them again while it boots.
    """
    global _preload
    if _in_worker:
        return True
    with _lock:
        _preload = tuple(dict.fromkeys(_preload + tuple(preload)))
        worker = _current_worker()
    if not worker.wait_ready(timeout_s):  # without the call lock: calls meanwhile wait only for their own limit
        return False
    return not preload or call_isolated(f"{__name__}:import_modules", (tuple(preload),), timeout_s)[0] == "ok"


def shutdown() -> None:
    """Stop the worker, if any (also run at interpreter exit)."""
    with _lock:
        _discard_worker()


def worker_pid() -> int | None:
    """The worker's process id, or None when none is running (for tests and diagnostics)."""
    worker = _worker
    return worker.process.pid if worker is not None and worker.process.is_alive() else None


atexit.register(shutdown)
