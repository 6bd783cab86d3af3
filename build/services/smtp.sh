# shellcheck shell=bash
# SMTP sink: npm maildev, installed under .dev/tools (sourced by services.sh).
# Mails land in .dev/maildev; REST API http://127.0.0.1:<web port>/api/email.

SMTP_PORT="${PRIMETECH_SMTP_PORT:-51025}"
MAILDEV_WEB_PORT="${PRIMETECH_MAILDEV_WEB_PORT:-51080}"
MAILDEV_VERSION=3.0.0
MAILDEV_PREFIX="$DEV_DIR/tools"
MAILDEV_BIN="$MAILDEV_PREFIX/node_modules/.bin/maildev"
MAILDEV_PIDFILE="$RUN_DIR/maildev.pid"

smtp_ready() {
  http_ok "http://127.0.0.1:$MAILDEV_WEB_PORT/api/email" && port_open "$SMTP_PORT"
}

maildev_installed() {
  [[ -x $MAILDEV_BIN ]] &&
    grep -q "\"version\": \"$MAILDEV_VERSION\"" "$MAILDEV_PREFIX/node_modules/maildev/package.json" 2>/dev/null
}

# 0 = ready, 2 = maildev has exited (stop waiting), 1 = not yet.
smtp_check() {
  smtp_ready && return 0
  pid_alive "$(pidfile_pid "$MAILDEV_PIDFILE")" || return 2  # no name check: the launching subshell may not have exec'd yet
  return 1
}

SMTP_LAUNCHED=0

smtp_launch() {
  if smtp_ready; then
    say smtp "already running on 127.0.0.1:$SMTP_PORT"
    return
  fi
  local port
  for port in "$SMTP_PORT" "$MAILDEV_WEB_PORT"; do
    if port_open "$port" && ! pid_alive "$(pidfile_pid "$MAILDEV_PIDFILE")" maildev; then
      die "smtp: port $port is taken by another process"
    fi
  done
  ensure_packages curl
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    # Debian 12 ships Node 18; maildev 3 asks for >= 20 (it is only an engine warning).
    ensure_packages nodejs npm
  fi
  if ! maildev_installed; then
    say smtp "npm install maildev@$MAILDEV_VERSION"
    npm install --prefix "$MAILDEV_PREFIX" --no-audit --no-fund --loglevel=error \
      "maildev@$MAILDEV_VERSION" >"$LOG_DIR/maildev-install.log" 2>&1 ||
      {
        log_tail "$LOG_DIR/maildev-install.log"
        die "smtp: npm install maildev@$MAILDEV_VERSION failed"
      }
  fi
  mkdir -p "$DEV_DIR/maildev"
  if ! pid_alive "$(pidfile_pid "$MAILDEV_PIDFILE")" maildev; then
    # --web-ip too: the web UI/API would otherwise listen on 0.0.0.0.
    start_detached "$LOG_DIR/maildev.log" "$MAILDEV_PIDFILE" "" \
      "$MAILDEV_BIN" --smtp "$SMTP_PORT" --web "$MAILDEV_WEB_PORT" \
      --ip 127.0.0.1 --web-ip 127.0.0.1 --mail-directory "$DEV_DIR/maildev"
  fi
  SMTP_LAUNCHED=1
  say smtp "starting"
}

smtp_wait() {
  ((SMTP_LAUNCHED)) || return 0
  local rc=0
  wait_for "$READY_TIMEOUT" smtp_check || rc=$?
  if ((rc != 0)); then
    log_tail "$LOG_DIR/maildev.log"
    ((rc == 2)) && die "smtp: maildev exited while starting (log $LOG_DIR/maildev.log)"
    die "smtp: maildev not ready (GET http://127.0.0.1:$MAILDEV_WEB_PORT/api/email) within ${READY_TIMEOUT}s"
  fi
  say smtp "started on 127.0.0.1:$SMTP_PORT"
}

smtp_stop() {
  if stop_pidfile smtp "$MAILDEV_PIDFILE" maildev; then
    say smtp "stopped"
  elif smtp_ready; then
    say smtp "port $SMTP_PORT answers, but not started by this checkout: left alone"
  else
    say smtp "not running"
  fi
}

smtp_status() {
  if smtp_ready; then
    say smtp "up    smtp://127.0.0.1:$SMTP_PORT  web/API http://127.0.0.1:$MAILDEV_WEB_PORT (/api/email)"
  else
    say smtp "DOWN  (smtp $SMTP_PORT, web $MAILDEV_WEB_PORT)"
    return 1
  fi
}
