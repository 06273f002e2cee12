#!/usr/bin/env bash
# Download, here (network on), the wheels the GPU machine lacks for benchmarks/gpu_check.py, into build/gpu_wheels.
# The GPU machine's python3 is 3.12 with torch 2.11, transformers 5.17, accelerate, opencv, scikit-image,
# scikit-learn and scipy already installed: its own transformers is used (5.24 would push the carried files past
# 64 MiB). The project itself travels as source (the working tree).
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=${1:-build/gpu_wheels}
PYTHON=${PYTHON:-.venv/bin/python}
mkdir -p "$DEST"
PACKAGES="bitsandbytes diffusers peft cairosvg cairocffi cssselect2 tinycss2 webencodings defusedxml cffi pycparser
importlib-metadata"
PINS=()
for name in $PACKAGES; do  # the versions are constraints.txt's: one home for every pin
  pin=$(grep -i -E "^${name}==" constraints.txt) || { echo "no pin for $name in constraints.txt" >&2; exit 1; }
  PINS+=("$pin")
done
"$PYTHON" -m pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_24_x86_64 --platform manylinux_2_17_x86_64 \
  --platform manylinux2014_x86_64 -d "$DEST" "${PINS[@]}"
du -sh "$DEST"
