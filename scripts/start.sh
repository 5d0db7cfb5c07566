#!/usr/bin/env bash
# Sets everything up, builds the app and serves it at http://127.0.0.1:8080
# in the foreground until Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs
