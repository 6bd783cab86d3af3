#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests if it is missing (Playwright's own download
# cannot reach its CDN from here, and the tests launch /usr/bin/chromium).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null)"
