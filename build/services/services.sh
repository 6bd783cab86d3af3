#!/usr/bin/env bash
# Local dev/test services, all on 127.0.0.1, state under <repo>/.dev (git-ignored):
#
#   postgres  PostgreSQL 15            port PRIMETECH_PG_PORT (55432), database primetech
#   s3        Swift 2.30 + s3api       port PRIMETECH_S3_PORT (58080); storage servers on
#                                      56010-56012, memcached on 51211 (PRIMETECH_SWIFT_OBJECT_PORT,
#                                      _CONTAINER_PORT, _ACCOUNT_PORT, _MEMCACHED_PORT)
#   smtp      maildev 3.0.0            SMTP PRIMETECH_SMTP_PORT (51025),
#                                      web/API PRIMETECH_MAILDEV_WEB_PORT (51080)
#   stripe    Stripe stand-in          port PRIMETECH_STRIPE_PORT (51210), webhooks to the site
#
# Usage: services.sh start [postgres|s3|smtp|stripe]...   (default: all; installs what is missing)
#        services.sh stop  [postgres|s3|smtp|stripe]...
#        services.sh status [postgres|s3|smtp|stripe]...  (exit 1 if any is down)
#
# A service already answering on its port is left as it is ("already running").
# PRIMETECH_SERVICES_TIMEOUT (default 60) is the readiness deadline per service, in seconds.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
source "$here/lib.sh"
# shellcheck source=postgres.sh
source "$here/postgres.sh"
# shellcheck source=s3.sh
source "$here/s3.sh"
# shellcheck source=smtp.sh
source "$here/smtp.sh"
# shellcheck source=stripe.sh
source "$here/stripe.sh"

ALL_SERVICES=(postgres s3 smtp stripe)

usage() {
  echo "usage: $0 start|stop|status [postgres|s3|smtp|stripe]..." >&2
  exit 2
}

(($# >= 1)) || usage
command=$1
shift
services=("$@")
((${#services[@]})) || services=("${ALL_SERVICES[@]}")
for s in "${services[@]}"; do
  [[ " ${ALL_SERVICES[*]} " == *" $s "* ]] || usage
done

status_all() {
  local s rc=0
  for s in "${services[@]}"; do "${s}_status" || rc=1; done
  return $rc
}

case $command in
start | stop)
  mkdir -p "$DEV_DIR" "$RUN_DIR" "$LOG_DIR"
  chmod 755 "$DEV_DIR" # the postgres/swift users must be able to traverse it
  # One start/stop at a time per checkout (e.g. parallel test jobs calling start).
  # fd 9 is closed for every server started (see lib.sh), so only this script holds it.
  exec 9>"$RUN_DIR/services.lock"
  if ! flock -n 9; then
    say services "waiting for another start/stop to finish (lock $RUN_DIR/services.lock)"
    flock -w 300 9 || die "another services.sh start/stop still holds $RUN_DIR/services.lock"
  fi
  t0=$(now_ms)
  if [[ $command == start ]]; then
    # Launch everything first, then wait: the slow boots (Swift's Python servers, node) run
    # side by side. Slowest first; PostgreSQL's launch already includes its wait.
    ordered=()
    for s in s3 smtp stripe postgres; do
      if [[ " ${services[*]} " == *" $s "* ]]; then ordered+=("$s"); fi
    done
    for s in "${ordered[@]}"; do "${s}_launch"; done
    for s in "${ordered[@]}"; do "${s}_wait"; done
    echo "---- ready in $(($(now_ms) - t0)) ms (state in $DEV_DIR)"
    status_all || die "a service is down right after start"
  else
    for s in "${services[@]}"; do "${s}_stop"; done
    echo "---- stopped in $(($(now_ms) - t0)) ms"
  fi
  ;;
status)
  status_all
  ;;
*)
  usage
  ;;
esac
