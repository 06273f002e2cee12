#!/usr/bin/env bash
# Install the Debian packages svgllm needs when they are missing: libcairo2 (cairosvg renders with it) and,
# for the tests of the web demo, chromium + a font. Needs root (or sudo); otherwise says what to install.
set -euo pipefail
missing=()
ldconfig -p 2>/dev/null | grep -q 'libcairo.so.2' || missing+=(libcairo2)
if [[ "${SVGLLM_SKIP_BROWSER:-0}" != 1 ]]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
fi
if (( ${#missing[@]} == 0 )); then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system_deps: please install: ${missing[*]} (no apt-get here)" >&2
  exit 0
fi
SUDO=""
if [[ $(id -u) != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system_deps: not root; please install: ${missing[*]}" >&2; exit 0; fi
fi
echo "system_deps: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
