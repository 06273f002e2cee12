"""`finish`: raw backend text -> a competition-valid SVG (sanitise, check, render check) within a time limit.

Sanitising and rendering can be made arbitrarily slow by hostile text (markers nested in markers multiply the
render work), and Python cannot stop a thread. So once warmed up (`Finisher.warm_up`, done by `Model.load`) the
work runs in `svgllm.isolation`'s worker process, which is killed when it overruns; the candidate then counts as
"timeout" and the chain goes on. Before that (a lazily used `Model`), and with `isolate=False`, it runs in a
thread that is waited for only until the limit: the answer is still on time, but an overrunning thread keeps
running in the background. After a kill a new worker boots in the background; until it is ready the thread
path is used, so the next link of the chain never waits for a process start.
"""
from __future__ import annotations

import threading

from .chain import Finished
from .deadline import Deadline, call_with_timeout
from .values import CANVAS_SIZE

FINISH_MARGIN_S = 0.05  # a finish ends this long before its deadline: pipe hand-off, killing the worker, bookkeeping
WORKER_TARGET = "svgllm.finish:finish_text"
# Imported in the worker while it boots, so the first real call does not pay for them.
WORKER_PRELOAD = ("svgllm.finish", "svgllm.sanitize", "svgllm.rules", "svgllm.render", "cairosvg")
WARM_UP_SVG = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CANVAS_SIZE} {CANVAS_SIZE}">'
               '<rect width="9" height="9"/></svg>')


def finish_text(raw: str, budget_bytes: int, render_check: bool) -> tuple[str, str]:
    """Sanitise and check `raw`: (svg, "") when valid, else ("", why). Never raises; no time limit of its own."""
    from .rules import check
    from .sanitize import sanitize

    try:
        # with render_check, sanitize renders the result once and degrades it until cairosvg accepts it
        svg = sanitize(raw, budget=budget_bytes, verify_render=render_check)
    except Exception as error:  # sanitize is fuzzed never to raise; this keeps predict total anyway
        return "", f"sanitize raised {error!r}"[:300]
    problems = check(svg)
    if problems:
        return "", "; ".join(problems[:3])
    return svg, ""


class Finisher:
    """`finish_text` under a deadline: in the killable worker once warmed up, else in a thread (see module doc)."""

    def __init__(self, budget_bytes: int, render_check: bool, isolate: bool = True, target: str = WORKER_TARGET):
        self.budget_bytes = budget_bytes
        self.render_check = render_check
        self.isolate = isolate
        self.target = target  # "module:function" the worker runs, with `finish_text`'s arguments
        self.isolated = False  # True while the worker is known to be up (set by warm_up)
        self._rewarming: threading.Thread | None = None
        self._lock = threading.Lock()

    def warm_up(self, timeout_s: float | None = None) -> bool:
        """Finish one tiny SVG here and one in a booted worker; True when later calls run isolated.

        Returns False (thread path stays in use) with `isolate=False` or when the worker did not come up.
        """
        # the thread path serves while a killed worker is replaced: its first use must not pay the imports
        finish_text(WARM_UP_SVG, self.budget_bytes, self.render_check)
        if not self.isolate:
            return False
        from . import isolation

        timeout = isolation.BOOT_TIMEOUT_S if timeout_s is None else timeout_s
        ready = isolation.warm_up(preload=WORKER_PRELOAD, timeout_s=timeout)
        if ready:
            outcome, _ = isolation.call_isolated(WORKER_TARGET, (WARM_UP_SVG, self.budget_bytes, self.render_check),
                                                 timeout)  # the real one: `target` may be a test's stand-in
            ready = outcome == "ok"
        self.isolated = ready
        return ready

    def __call__(self, raw: str, deadline: Deadline) -> Finished:
        """Finish `raw` so the answer is back `FINISH_MARGIN_S` before `deadline`."""
        limit = deadline.remaining() - FINISH_MARGIN_S
        if limit <= 0:
            return Finished("", "timeout", "no time left to finish")
        args = (raw, self.budget_bytes, self.render_check)
        if self.isolated:
            from .isolation import call_isolated, worker_pid

            before = worker_pid()
            outcome, value = call_isolated(self.target, args, limit)
            if outcome == "timeout" or worker_pid() != before:  # killed or crashed: its replacement boots
                self._rewarm()
        else:
            outcome, value = call_with_timeout(lambda: finish_text(*args), limit, "svgllm-finish")
        if outcome == "timeout":
            return Finished("", "timeout", f"finishing: {value}")
        if outcome == "error":
            return Finished("", "invalid", f"finishing failed: {value}"[:300])
        svg, problem = value
        return Finished(svg, "ok") if not problem else Finished("", "invalid", problem)

    def _rewarm(self) -> None:
        """Use the thread path until a new worker is ready, waiting for it in the background (once at a time)."""
        with self._lock:
            self.isolated = False
            if self._rewarming is not None and self._rewarming.is_alive():
                return
            self._rewarming = threading.Thread(target=self.warm_up, name="svgllm-finish-rewarm", daemon=True)
            self._rewarming.start()
