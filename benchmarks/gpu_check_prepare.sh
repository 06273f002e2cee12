#!/usr/bin/env bash
# Download, here (network on), what the GPU machine lacks for benchmarks/gpu_check.py into build/gpu_carry/:
# wheels/ (Python packages) and debs/ (libcairo2 and its libraries, for cairosvg; unpacked, never installed, there).
# The GPU machine's python3 is 3.12 with torch 2.11, transformers 5.17, accelerate, opencv, scikit-image,
# scikit-learn and scipy already installed: its own transformers is used (5.24 would push the carried files past
# 64 MiB). The project itself travels as source (the working tree).
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=${1:-build/gpu_carry}
PYTHON=${PYTHON:-.venv/bin/python}
mkdir -p "$DEST/wheels" "$DEST/debs"
PACKAGES="bitsandbytes diffusers peft cairosvg cairocffi cssselect2 tinycss2 webencodings defusedxml cffi pycparser
importlib-metadata"
PINS=()
for name in $PACKAGES; do  # the versions are constraints.txt's: one home for every pin
  pin=$(grep -i -E "^${name}==" constraints.txt) || { echo "no pin for $name in constraints.txt" >&2; exit 1; }
  PINS+=("$pin")
done
"$PYTHON" -m pip download --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_24_x86_64 --platform manylinux_2_17_x86_64 \
  --platform manylinux2014_x86_64 -d "$DEST/wheels" "${PINS[@]}"
# libcairo2 and the libraries it links that a CUDA image may lack (Debian 12 builds; glibc 2.36 runs on newer ones)
(cd "$DEST/debs" && apt-get download libcairo2 libpixman-1-0 libfontconfig1 fontconfig-config libfreetype6 \
  libpng16-16 libx11-6 libx11-data libxcb-render0 libxcb-shm0 libxcb1 libxext6 libxrender1 libxau6 libxdmcp6 \
  libbsd0 libmd0 libexpat1 libbrotli1)
for f in "$DEST"/debs/*%3a*; do [ -e "$f" ] && mv "$f" "${f//%3a/_}"; done  # plain file names travel safely
du -sh "$DEST"
