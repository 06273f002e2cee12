"""Exit is clean: a backend call that overran its budget is waited for at exit, not cut off inside torch."""
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent('''
    import atexit
    import sys
    import time

    import torch
    from svgllm import deadline as deadline_module
    from svgllm.backends.palette import PaletteBackend
    from svgllm.config import ModelConfig
    from svgllm.model import Model


    class TorchBusy:
        """Like the LLM on a slow machine: native steps until its deadline, then one long step more."""

        name = "busy"

        def generate(self, description, deadline):
            a = torch.randn(500, 500)
            while deadline.remaining() > 0:
                a = (a @ a).clamp(-1, 1)
            end = time.monotonic() + 1.5
            while time.monotonic() < end:
                a = (a @ a).clamp(-1, 1)
            return "<svg/>"


    if __name__ == "__main__":
        if sys.argv[1] == "unguarded":  # the old behaviour, to show what the guard prevents
            atexit.unregister(deadline_module.wait_for_overruns)
        Model(ModelConfig(backends=("palette",))).predict("warm")  # first-use imports (sanitizer, cairo)
        model = Model(ModelConfig(deadline_s=2.0, fallback_reserve_s=1.0), backends=[TorchBusy(), PaletteBackend()])
        result = model.predict_with_info("a red kite")
        print(result.backend, [a.outcome for a in result.attempts], flush=True)
''')


def run(tmp_path, mode):
    script = tmp_path / "busy_exit.py"
    script.write_text(SCRIPT)
    return subprocess.run([sys.executable, str(script), mode], capture_output=True, text=True, timeout=120)


def test_exit_waits_for_an_overrunning_torch_call(tmp_path):
    pytest.importorskip("torch")
    done = run(tmp_path, "guarded")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "palette ['timeout', 'ok']" in done.stdout
    assert "terminate called" not in done.stderr


def test_generation_stops_one_step_early_when_steps_are_slow():
    torch = pytest.importorskip("torch")
    from svgllm.backends.llm.stopping import StopAtDeadline
    from svgllm.deadline import Deadline

    now = [0.0]
    criterion = StopAtDeadline(Deadline(10.0, clock=lambda: now[0]), reserve_s=0.5)
    ids = torch.zeros((2, 5), dtype=torch.long)
    answers = []
    for at in (0.0, 0.1, 0.2, 2.2, 4.2, 6.2, 8.2):  # steps of 0.1 s, then the machine slows to 2 s a step
        now[0] = at
        answers.append(criterion(ids, None).tolist()[0])
    # at 8.2 s, 1.8 s are left: more than the 0.5 s reserve, but the next 2 s step would end past the deadline
    assert answers == [False] * 6 + [True]
    assert criterion.step_s == pytest.approx(2.0)
