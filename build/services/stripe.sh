# shellcheck shell=bash
# Stripe stand-in (tests/PrimeTech.StripeStandIn): Stripe's API, a hosted checkout page and
# signed webhooks to the local site, for the Run target (sourced by services.sh). The tests
# start their own in-process instance instead.

STRIPE_PORT="${PRIMETECH_STRIPE_PORT:-51210}"
STRIPE_WEBHOOK_URL="${PRIMETECH_SITE_URL:-http://127.0.0.1:5080}/api/webhooks/stripe"
STRIPE_PROJECT="$REPO_ROOT/tests/PrimeTech.StripeStandIn"
STRIPE_DLL="$STRIPE_PROJECT/bin/${PRIMETECH_CONFIGURATION:-Debug}/net10.0/PrimeTech.StripeStandIn.dll"
STRIPE_PIDFILE="$RUN_DIR/stripe.pid"

stripe_ready() { http_ok "http://127.0.0.1:$STRIPE_PORT/"; }

# 0 = ready, 2 = the stand-in has exited (stop waiting), 1 = not yet.
stripe_check() {
  stripe_ready && return 0
  pid_alive "$(pidfile_pid "$STRIPE_PIDFILE")" || return 2  # no name check: the launching subshell may not have exec'd yet
  return 1
}

STRIPE_LAUNCHED=0

stripe_launch() {
  if stripe_ready; then
    say stripe "already running on 127.0.0.1:$STRIPE_PORT"
    return
  fi
  port_open "$STRIPE_PORT" && die "stripe: port $STRIPE_PORT is taken by another process"
  if [[ ! -f $STRIPE_DLL ]]; then
    say stripe "building the stand-in"
    dotnet build "$STRIPE_PROJECT" -c "${PRIMETECH_CONFIGURATION:-Debug}" -nologo -v q >"$LOG_DIR/stripe-build.log" 2>&1 ||
      { log_tail "$LOG_DIR/stripe-build.log"; die "stripe: build failed"; }
  fi
  start_detached "$LOG_DIR/stripe.log" "$STRIPE_PIDFILE" "" \
    dotnet "$STRIPE_DLL" --urls "http://127.0.0.1:$STRIPE_PORT" \
    --api-key sk_test_local --webhook-secret whsec_local --webhook-url "$STRIPE_WEBHOOK_URL"
  STRIPE_LAUNCHED=1
  say stripe "starting"
}

stripe_wait() {
  ((STRIPE_LAUNCHED)) || return 0
  local rc=0
  wait_for "$READY_TIMEOUT" stripe_check || rc=$?
  if ((rc != 0)); then
    log_tail "$LOG_DIR/stripe.log"
    die "stripe: the stand-in did not become ready (log $LOG_DIR/stripe.log)"
  fi
  say stripe "started on 127.0.0.1:$STRIPE_PORT, webhooks to $STRIPE_WEBHOOK_URL"
}

stripe_stop() {
  if stop_pidfile stripe "$STRIPE_PIDFILE" PrimeTech.StripeStandIn; then
    say stripe "stopped"
  else
    say stripe "not running"
  fi
}

stripe_status() {
  if stripe_ready; then
    say stripe "up    http://127.0.0.1:$STRIPE_PORT  key sk_test_local  webhook secret whsec_local"
  else
    say stripe "DOWN  (port $STRIPE_PORT)"
    return 1
  fi
}
