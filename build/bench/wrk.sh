#!/usr/bin/env bash
# Installs Debian's wrk, the load generator the benchmark suite drives the app with, if it is
# missing (a fresh machine has none; the Bench target once failed there on its first wrk run).
set -euo pipefail
source "$(dirname "$0")/../services/lib.sh"
ensure_packages wrk
command -v wrk >/dev/null || die "wrk is not on PATH after installing it"
say wrk "$(wrk --version 2>&1 | head -1)"
