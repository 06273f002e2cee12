"""`import svgllm.vectorize` must not load the heavy libraries (they are imported when used)."""
from __future__ import annotations

import subprocess
import sys


def test_import_is_light():
    code = ("import sys, svgllm, svgllm.vectorize; "
            "heavy = [m for m in ('cv2', 'sklearn', 'skimage', 'scipy', 'cairosvg') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
