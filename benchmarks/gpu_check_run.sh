#!/usr/bin/env bash
# On the GPU machine, from the repository root: install what benchmarks/gpu_check_prepare.sh carried, offline,
# then run the check. Nothing is fetched there. As a device call:
#   run(command="bash benchmarks/gpu_check_run.sh", carry=["build/gpu_carry"], timeout_s=540)
# Results: $OUT (or build/gpu_check) holds gpu_check.json, gpu_check.md, log.txt and nvidia-smi.csv.
set -u
cd "$(dirname "$0")/.."
CARRY=${GPU_CARRY:-build/gpu_carry}
RESULTS=${OUT:-build/gpu_check}
SITE=/tmp/svgllm-gpu-site
LIBS=/tmp/svgllm-gpu-libs
mkdir -p "$RESULTS" "$LIBS"
# --target keeps the image's own packages untouched; --no-deps: every needed wheel is carried, torch never is
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target "$SITE" \
  "$CARRY"/wheels/*.whl || { echo "offline install failed" >&2; exit 1; }
for deb in "$CARRY"/debs/*.deb; do dpkg -x "$deb" "$LIBS"; done  # unpacked beside /, which they could break
export LD_LIBRARY_PATH="$LIBS/usr/lib/x86_64-linux-gnu:$LIBS/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export FONTCONFIG_PATH="$LIBS/etc/fonts"
export PYTHONPATH="$SITE:$PWD/utility_script:$PWD" HF_HUB_OFFLINE=1 PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv > "$RESULTS/nvidia-smi.csv" 2>&1
set -o pipefail
python3 benchmarks/gpu_check.py --out "$RESULTS" "$@" 2>&1 | tee "$RESULTS/log.txt"
