#!/usr/bin/env bash
# The production-like deployment on this machine (`dotnet cake --target=Production` builds and
# publishes, then runs `start`). Everything lives under <repo>/.dev (git-ignored):
#
#   .dev/production/app/          the Release publish output (pre-generated handler code)
#   .dev/production/instance.env  every configuration key of the instances (KEY=VALUE, no quoting)
#   .dev/production/secrets.env   the generated Stripe key and webhook secret, the admin's sign-in
#   .dev/production/*.pid, logs/  the processes started here and their logs
#   .dev/caddy/                   Caddy's state; root.crt is its internal CA's root certificate
#
#   https://127.0.0.1:8443        Caddy (tls internal), round robin over the two instances
#   https://127.0.0.1:8444        Caddy in front of the S3 service, for presigned download links
#   http://127.0.0.1:5101, :5102  the Host instances, Production environment
#   http://127.0.0.1:51220        the deployment's own Stripe stand-in (webhooks through Caddy)
#   database primetech_production and bucket primetech-production on the local services
#
# Usage: production.sh start | stop | status
#        production.sh start-instance N | stop-instance N [--kill]      (N = 1 or 2)
#
# `start` expects the local services (build/services/services.sh start postgres s3 smtp) and the
# publish output; it is idempotent: what already runs is left alone, secrets are kept.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../services/lib.sh
source "$here/../services/lib.sh"

PROD_DIR="$DEV_DIR/production"
APP_DIR="$PROD_DIR/app"
APP_DLL="$APP_DIR/PrimeTech.Host.dll"
PROD_LOGS="$PROD_DIR/logs"
INSTANCE_ENV="$PROD_DIR/instance.env"
SECRETS_ENV="$PROD_DIR/secrets.env"
CADDY_DIR="$DEV_DIR/caddy"
CADDYFILE="$PROD_DIR/Caddyfile"
CADDY_PIDFILE="$PROD_DIR/caddy.pid"
ROOT_CERT="$CADDY_DIR/root.crt"
STANDIN_PIDFILE="$PROD_DIR/stripe.pid"
STANDIN_DLL="$REPO_ROOT/tests/PrimeTech.StripeStandIn/bin/Release/net10.0/PrimeTech.StripeStandIn.dll"

PROXY_PORT=8443
# Object storage as browsers reach it (presigned download links), behind the same proxy.
S3_PROXY_PORT=8444
PUBLIC_URL="https://127.0.0.1:$PROXY_PORT"
INSTANCE_PORTS=(5101 5102)
STANDIN_PORT="${PRIMETECH_PRODUCTION_STRIPE_PORT:-51220}"
PG_PORT="${PRIMETECH_PG_PORT:-55432}"
S3_PORT="${PRIMETECH_S3_PORT:-58080}"
SMTP_PORT="${PRIMETECH_SMTP_PORT:-51025}"
DATABASE=primetech_production
BUCKET=primetech-production

usage() {
  echo "usage: $0 start|stop|status|start-instance N|stop-instance N [--kill]" >&2
  exit 2
}

instance_port() {
  [[ $1 == 1 || $1 == 2 ]] || usage
  echo "${INSTANCE_PORTS[$1 - 1]}"
}
instance_pidfile() { echo "$PROD_DIR/instance-$1.pid"; }

# ---------------------------------------------------------------- configuration

random_hex() { openssl rand -hex "$1"; }

# The secrets are made once and kept, so a second start (and the tests) see the same ones.
ensure_secrets() {
  [[ -f $SECRETS_ENV ]] && return 0
  umask 077
  cat >"$SECRETS_ENV" <<EOF
STRIPE_SECRET_KEY=sk_test_$(random_hex 24)
STRIPE_WEBHOOK_SECRET=whsec_$(random_hex 24)
ADMIN_EMAIL=admin@primetech.example
ADMIN_PASSWORD=Pt-$(random_hex 12)-Admin!
EOF
  umask 022
  say secrets "generated $SECRETS_ENV"
}

# The licence signing key (Production refuses to start without one), made once by the Host itself.
ensure_signing_key() {
  grep -q '^Licensing__SigningKeys__0__PrivateKey=' "$SECRETS_ENV" && return 0
  (cd "$APP_DIR" && ConnectionStrings__Postgres=Host=unused ASPNETCORE_ENVIRONMENT=Production dotnet "$APP_DLL" keys generate) |
    grep '^Licensing__' >>"$SECRETS_ENV" || die "keys generate failed"
  say secrets "generated a licence signing key in $SECRETS_ENV"
}

# KEY=VALUE lines, read without shell quoting (values hold ';' and spaces).
env_value() {
  local file=$1 key=$2 line
  while IFS= read -r line; do
    [[ $line == "$key="* ]] && {
      echo "${line#*=}"
      return 0
    }
  done <"$file"
  return 1
}

# Every configuration key the Host reads (.env.example lists the same keys), for both instances.
write_instance_env() {
  cat >"$INSTANCE_ENV" <<EOF
ASPNETCORE_ENVIRONMENT=Production
ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DATABASE;No Reset On Close=true
Site__PublicUrl=$PUBLIC_URL
Site__Name=Prime Tech Services
Seller__Name=Prime Tech Services Ltd
Seller__AddressLines__0=1 Example Street
Seller__AddressLines__1=London
Seller__AddressLines__2=EC1A 1AA
Seller__AddressLines__3=United Kingdom
Seller__VatNumber=GB999999973
Seller__Email=accounts@primetech.example
S3__Endpoint=127.0.0.1:$S3_PORT
S3__Region=us-east-1
S3__AccessKey=test:tester
S3__SecretKey=testing
S3__Bucket=$BUCKET
S3__UseSsl=false
S3__PublicEndpoint=127.0.0.1:$S3_PROXY_PORT
S3__PublicUseSsl=true
Smtp__Host=127.0.0.1
Smtp__Port=$SMTP_PORT
Smtp__UserName=
Smtp__Password=
Smtp__UseStartTls=false
Smtp__From=no-reply@primetech.example
Smtp__FromName=Prime Tech Services
Stripe__SecretKey=$(env_value "$SECRETS_ENV" STRIPE_SECRET_KEY)
Stripe__WebhookSecret=$(env_value "$SECRETS_ENV" STRIPE_WEBHOOK_SECRET)
Stripe__ApiBase=http://127.0.0.1:$STANDIN_PORT
Seed__AdminEmail=$(env_value "$SECRETS_ENV" ADMIN_EMAIL)
Seed__AdminPassword=$(env_value "$SECRETS_ENV" ADMIN_PASSWORD)
Seed__AdminName=Administrator
Seed__DemoReleases=true
Downloads__LinkLifetime=00:05:00
Releases__MaxUploadBytes=1073741824
Orders__PendingExpiry=7.00:00:00
Sessions__IdleTimeout=00:30:00
Sessions__AbsoluteLifetime=12:00:00
Sessions__PersistentIdleTimeout=14.00:00:00
Sessions__PersistentAbsoluteLifetime=30.00:00:00
Sessions__LastSeenWriteInterval=00:01:00
Bookings__HorizonDays=90
RateLimits__Auth__PermitLimit=10
RateLimits__Auth__Window=00:01:00
Network__KnownProxies__0=127.0.0.1
EOF
  grep '^Licensing__' "$SECRETS_ENV" >>"$INSTANCE_ENV"
}

# run_host ARGS...: the published Host with the instance configuration, in its own folder
# (the content root: appsettings.json, wwwroot).
run_host() {
  (
    cd "$APP_DIR"
    export_instance_env
    exec dotnet "$APP_DLL" "$@"
  )
}

export_instance_env() {
  local line
  while IFS= read -r line; do
    if [[ -n $line && $line != \#* ]]; then export "${line%%=*}=${line#*=}"; fi
  done <"$INSTANCE_ENV"
}

# ---------------------------------------------------------------- database and schema

ensure_database() {
  local psql=(psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
  if [[ -z $("${psql[@]}" -c "select 1 from pg_database where datname = '$DATABASE'") ]]; then
    "${psql[@]}" -c "create database $DATABASE" >/dev/null
    say database "created $DATABASE"
  fi
}

migrate_and_seed() {
  local t0
  t0=$(now_ms)
  run_host migrate >"$PROD_LOGS/migrate.log" 2>&1 || {
    log_tail "$PROD_LOGS/migrate.log"
    die "migrate failed (log $PROD_LOGS/migrate.log)"
  }
  run_host seed >"$PROD_LOGS/seed.log" 2>&1 || {
    log_tail "$PROD_LOGS/seed.log"
    die "seed failed (log $PROD_LOGS/seed.log)"
  }
  say schema "migrate and seed done in $(($(now_ms) - t0)) ms"
}

# ---------------------------------------------------------------- Caddy

write_caddyfile() {
  cat >"$CADDYFILE" <<EOF
{
	admin off
	storage file_system $CADDY_DIR
	skip_install_trust
	local_certs
	auto_https disable_redirects
}

$PUBLIC_URL {
	tls internal
	reverse_proxy 127.0.0.1:${INSTANCE_PORTS[0]} 127.0.0.1:${INSTANCE_PORTS[1]} {
		lb_policy round_robin
		# A request that could not reach an instance (refused connection) is tried on the other.
		lb_try_duration 10s
		lb_try_interval 100ms
		# Passive: one failed request takes the instance out for 10 s.
		fail_duration 10s
		max_fails 1
		# Active: readiness every second; an instance is back once it answers again. The timeout
		# is generous: a busy instance (the checks ask PostgreSQL and S3) is not a dead one.
		health_uri /health/ready
		health_interval 1s
		health_timeout 5s
	}
}

# The Host header is passed on unchanged, so presigned URLs signed for this address verify.
https://127.0.0.1:$S3_PROXY_PORT {
	tls internal
	reverse_proxy 127.0.0.1:$S3_PORT
}
EOF
}

caddy_ready() {
  [[ -f $ROOT_CERT ]] && curl -fsS --max-time 2 --cacert "$ROOT_CERT" -o /dev/null "$PUBLIC_URL/health/live" 2>/dev/null
}

caddy_check() {
  # No name check: right after launch the pid may still be the subshell that is about to exec Caddy.
  pid_alive "$(pidfile_pid "$CADDY_PIDFILE")" || return 2
  local issued="$CADDY_DIR/pki/authorities/local/root.crt"
  [[ -f $issued ]] || return 1
  cmp -s "$issued" "$ROOT_CERT" || cp "$issued" "$ROOT_CERT"
  # The instances are not up yet (a request would wait for them): a verified handshake shows Caddy serves.
  openssl s_client -connect "127.0.0.1:$PROXY_PORT" -CAfile "$ROOT_CERT" -verify_ip 127.0.0.1 -verify_return_error \
    </dev/null >/dev/null 2>&1
}

start_caddy() {
  # docker-compose validates compose.yaml in the deployment tests (no Docker engine here).
  ensure_packages caddy docker-compose
  mkdir -p "$CADDY_DIR"
  write_caddyfile
  if pid_alive "$(pidfile_pid "$CADDY_PIDFILE")" caddy; then
    say caddy "already running on $PUBLIC_URL"
    return
  fi
  port_open "$PROXY_PORT" && die "caddy: port $PROXY_PORT is taken by another process"
  (cd / && exec setsid env XDG_CONFIG_HOME="$CADDY_DIR/config" XDG_DATA_HOME="$CADDY_DIR/data" \
    caddy run --config "$CADDYFILE" --adapter caddyfile) >>"$PROD_LOGS/caddy.log" 2>&1 </dev/null 9>&- &
  echo $! >"$CADDY_PIDFILE"
  wait_for "$READY_TIMEOUT" caddy_check || {
    log_tail "$PROD_LOGS/caddy.log"
    die "caddy: not serving $PUBLIC_URL (log $PROD_LOGS/caddy.log)"
  }
  say caddy "serving $PUBLIC_URL, root CA in $ROOT_CERT"
}

# ---------------------------------------------------------------- the Stripe stand-in

standin_ready() { http_ok "http://127.0.0.1:$STANDIN_PORT/"; }

standin_check() {
  standin_ready && return 0
  pid_alive "$(pidfile_pid "$STANDIN_PIDFILE")" || return 2  # no name check: the launching subshell may not have exec'd yet
  return 1
}

start_standin() {
  if standin_ready; then
    say stripe "already running on 127.0.0.1:$STANDIN_PORT"
    return
  fi
  port_open "$STANDIN_PORT" && die "stripe: port $STANDIN_PORT is taken by another process"
  [[ -f $STANDIN_DLL ]] || die "stripe: $STANDIN_DLL is missing (dotnet cake --target=Production builds it)"
  start_detached "$PROD_LOGS/stripe.log" "$STANDIN_PIDFILE" "" \
    dotnet "$STANDIN_DLL" --urls "http://127.0.0.1:$STANDIN_PORT" \
    --api-key "$(env_value "$SECRETS_ENV" STRIPE_SECRET_KEY)" \
    --webhook-secret "$(env_value "$SECRETS_ENV" STRIPE_WEBHOOK_SECRET)" \
    --webhook-url "$PUBLIC_URL/api/webhooks/stripe" --ca-cert "$ROOT_CERT"
  wait_for "$READY_TIMEOUT" standin_check || {
    log_tail "$PROD_LOGS/stripe.log"
    die "stripe: the stand-in did not become ready (log $PROD_LOGS/stripe.log)"
  }
  say stripe "started on 127.0.0.1:$STANDIN_PORT, webhooks to $PUBLIC_URL/api/webhooks/stripe"
}

# ---------------------------------------------------------------- instances

instance_ready() { http_ok "http://127.0.0.1:$(instance_port "$1")/health/ready"; }

instance_check() {
  instance_ready "$1" && return 0
  # No command-line pattern: until exec-instance has exec'd the Host, the PID is still bash.
  pid_alive "$(pidfile_pid "$(instance_pidfile "$1")")" || return 2
  return 1
}

launch_instance() {
  local n=$1 port pidf
  port=$(instance_port "$n")
  pidf=$(instance_pidfile "$n")
  if instance_ready "$n"; then
    say "instance$n" "already running on 127.0.0.1:$port"
    return 1
  fi
  port_open "$port" && die "instance $n: port $port is taken by another process"
  # exec-instance replaces itself with the Host, so the recorded PID is the instance's own.
  start_detached "$PROD_LOGS/instance-$n.log" "$pidf" "" bash "$here/production.sh" exec-instance "$n"
  return 0
}

# wait_instance N T0: waits for readiness and prints the time since T0 (the launch).
wait_instance() {
  local n=$1 t0=$2 rc=0
  wait_for "$READY_TIMEOUT" instance_check "$n" || rc=$?
  if ((rc != 0)); then
    log_tail "$PROD_LOGS/instance-$n.log"
    die "instance $n did not become ready (log $PROD_LOGS/instance-$n.log)"
  fi
  say "instance$n" "ready on 127.0.0.1:$(instance_port "$n") in $(($(now_ms) - t0)) ms (pid $(pidfile_pid "$(instance_pidfile "$n")"))"
}

start_instance() {
  local t0
  t0=$(now_ms)
  launch_instance "$1" || return 0
  wait_instance "$1" "$t0"
}

stop_instance() {
  local n=$1 signal=${2:-} pidf pid
  pidf=$(instance_pidfile "$n")
  pid=$(pidfile_pid "$pidf")
  if [[ $signal == --kill ]]; then
    if pid_alive "$pid" PrimeTech.Host; then
      kill -KILL "$pid"
      wait_for 5 pid_gone "$pid" || true
      rm -f "$pidf"
      say "instance$n" "killed (SIGKILL, pid $pid)"
    else
      say "instance$n" "not running"
    fi
    return
  fi
  if stop_pidfile "instance$n" "$pidf" PrimeTech.Host; then
    say "instance$n" "stopped"
  else
    say "instance$n" "not running"
  fi
}

require_published() {
  [[ -f $APP_DLL ]] || die "$APP_DLL is missing: run dotnet cake --target=Production"
}

# ---------------------------------------------------------------- commands

start_all() {
  local t0 t1 t2
  t0=$(now_ms)
  require_published
  mkdir -p "$PROD_DIR" "$PROD_LOGS"
  ensure_secrets
  ensure_signing_key
  write_instance_env
  ensure_database
  start_caddy
  start_standin
  migrate_and_seed
  # Both instances boot side by side.
  t1=$(now_ms)
  launch_instance 1 && wait1=1 || wait1=0
  t2=$(now_ms)
  launch_instance 2 && wait2=1 || wait2=0
  ((wait1)) && wait_instance 1 "$t1"
  ((wait2)) && wait_instance 2 "$t2"
  wait_for "$READY_TIMEOUT" curl -fsS --max-time 2 --cacert "$ROOT_CERT" -o /dev/null "$PUBLIC_URL/health/ready" ||
    die "$PUBLIC_URL/health/ready does not answer 200"
  echo "---- the deployment is ready at $PUBLIC_URL in $(($(now_ms) - t0)) ms"
  echo "     site:          $PUBLIC_URL   (trust $ROOT_CERT, e.g. curl --cacert)"
  echo "     admin:         $PUBLIC_URL/admin as $(env_value "$SECRETS_ENV" ADMIN_EMAIL), password in $SECRETS_ENV (ADMIN_PASSWORD)"
  echo "     instances:     http://127.0.0.1:${INSTANCE_PORTS[0]}  http://127.0.0.1:${INSTANCE_PORTS[1]}"
  echo "     Stripe:        http://127.0.0.1:$STANDIN_PORT (stand-in)    email: http://127.0.0.1:${PRIMETECH_MAILDEV_WEB_PORT:-51080}"
  echo "     stop with:     dotnet cake --target=Stop   (or $0 stop: the deployment only)"
}

stop_all() {
  stop_instance 1
  stop_instance 2
  if stop_pidfile caddy "$CADDY_PIDFILE" caddy; then say caddy "stopped"; else say caddy "not running"; fi
  if stop_pidfile stripe "$STANDIN_PIDFILE" PrimeTech.StripeStandIn; then say stripe "stopped"; else say stripe "not running"; fi
}

status_all() {
  local rc=0 n
  for n in 1 2; do
    if instance_ready "$n"; then say "instance$n" "up    http://127.0.0.1:$(instance_port "$n")"; else
      say "instance$n" "DOWN"
      rc=1
    fi
  done
  if caddy_ready; then say caddy "up    $PUBLIC_URL"; else
    say caddy "DOWN"
    rc=1
  fi
  if standin_ready; then say stripe "up    http://127.0.0.1:$STANDIN_PORT"; else
    say stripe "DOWN"
    rc=1
  fi
  return $rc
}

(($# >= 1)) || usage
mkdir -p "$PROD_DIR" "$PROD_LOGS"
case $1 in
start) start_all ;;
stop) stop_all ;;
status) status_all ;;
start-instance)
  (($# == 2)) || usage
  require_published
  start_instance "$2"
  ;;
stop-instance)
  (($# >= 2)) || usage
  stop_instance "$2" "${3:-}"
  ;;
exec-instance)
  # Internal: what start-instance runs in the background.
  cd "$APP_DIR"
  export_instance_env
  export ASPNETCORE_URLS="http://127.0.0.1:$(instance_port "$2")"
  exec dotnet "$APP_DLL"
  ;;
*) usage ;;
esac
