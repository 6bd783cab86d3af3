# shellcheck shell=bash
# S3 that really checks signatures: OpenStack Swift (Debian 12, 2.30) with the s3api and
# tempauth middleware, plus the memcached tempauth needs (sourced by services.sh).
#
# Layout under .dev/swift: etc/ (generated configs + rings), node/d1 (the one "disk"),
# run/ (pid files), logs/. The servers run as the `swift` user: with workers = 0 Swift never
# drops root by itself.

S3_PORT="${PRIMETECH_S3_PORT:-58080}"
SWIFT_OBJECT_PORT="${PRIMETECH_SWIFT_OBJECT_PORT:-56010}"
SWIFT_CONTAINER_PORT="${PRIMETECH_SWIFT_CONTAINER_PORT:-56011}"
SWIFT_ACCOUNT_PORT="${PRIMETECH_SWIFT_ACCOUNT_PORT:-56012}"
SWIFT_MEMCACHED_PORT="${PRIMETECH_SWIFT_MEMCACHED_PORT:-51211}"
SWIFT_USER=swift
SWIFT_PACKAGES=(swift-proxy swift-account swift-container swift-object python3-swift memcached curl)
# Start order: memcached first (tempauth), storage servers before the proxy.
SWIFT_PARTS=(memcached account container object proxy)

swift_port() {
  case $1 in
  memcached) echo "$SWIFT_MEMCACHED_PORT" ;;
  account) echo "$SWIFT_ACCOUNT_PORT" ;;
  container) echo "$SWIFT_CONTAINER_PORT" ;;
  object) echo "$SWIFT_OBJECT_PORT" ;;
  proxy) echo "$S3_PORT" ;;
  esac
}

# Command-line text that identifies each process (checked before signalling a PID).
swift_pattern() {
  case $1 in
  memcached) echo memcached ;;
  *) echo "swift-$1-server" ;;
  esac
}

memcached_ok() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'version\r\n' >&3
    read -r -t 2 reply <&3 && [[ $reply == VERSION* ]]
  ) 2>/dev/null
}

# True when the part answers its health check on its port.
swift_answers() {
  local port
  port=$(swift_port "$1")
  if [[ $1 == memcached ]]; then
    memcached_ok "$port"
  else
    http_ok "http://127.0.0.1:$port/healthcheck"
  fi
}

swift_all_answer() {
  local p
  for p in "${SWIFT_PARTS[@]}"; do swift_answers "$p" || return 1; done
}

swift_render() { # TEMPLATE OUT [@KEY@=value]...
  local tpl=$1 out=$2 expr=() kv
  shift 2
  for kv in "$@"; do expr+=(-e "s|${kv%%=*}|${kv#*=}|g"); done
  sed "${expr[@]}" "$tpl" >"$out.tmp" && mv "$out.tmp" "$out"
}

swift_write_configs() {
  local sw=$1 part
  swift_render "$SERVICES_DIR/swift/proxy-server.conf.in" "$sw/etc/proxy-server.conf" \
    "@SWIFT_DIR@=$sw" "@PROXY_PORT@=$S3_PORT" "@MEMCACHED_PORT@=$SWIFT_MEMCACHED_PORT"
  for part in account container object; do
    swift_render "$SERVICES_DIR/swift/storage-server.conf.in" "$sw/etc/$part-server.conf" \
      "@SWIFT_DIR@=$sw" "@SERVER@=$part" "@PORT@=$(swift_port "$part")"
  done
}

# Rings are kept between runs (a restart then takes 2-3 s); they are rebuilt only when
# missing or when a storage port changed.
swift_ensure_rings() {
  local etc=$1/etc part rc want
  want="account=$SWIFT_ACCOUNT_PORT container=$SWIFT_CONTAINER_PORT object=$SWIFT_OBJECT_PORT"
  if [[ -f $etc/account.ring.gz && -f $etc/container.ring.gz && -f $etc/object.ring.gz &&
    $(cat "$etc/rings.ports" 2>/dev/null) == "$want" ]]; then
    return
  fi
  say s3 "building rings"
  rm -rf "$etc"/*.builder "$etc"/*.ring.gz "$etc/backups"
  for part in account container object; do
    # 2^6 partitions, 1 replica, 1 hour min move; one device d1 on loopback.
    swift-ring-builder "$etc/$part.builder" create 6 1 1 >/dev/null
    swift-ring-builder "$etc/$part.builder" add "r1z1-127.0.0.1:$(swift_port "$part")/d1" 1 >/dev/null
    rc=0
    swift-ring-builder "$etc/$part.builder" rebalance >/dev/null || rc=$?
    ((rc <= 1)) || die "s3: swift-ring-builder rebalance of $part failed (exit $rc)"
    # (exit 1 is only a warning, e.g. "fewer devices than replicas")
  done
  echo "$want" >"$etc/rings.ports"
}

swift_start_part() {
  local sw=$1 part=$2 port pidf logf
  port=$(swift_port "$part")
  pidf="$sw/run/$part.pid"
  logf="$sw/logs/$part.log"
  if swift_answers "$part"; then
    return
  fi
  if pid_alive "$(pidfile_pid "$pidf")" "$(swift_pattern "$part")"; then
    return # ours, still starting up
  fi
  case $part in
  memcached)
    start_detached "$logf" "$pidf" "$SWIFT_USER" \
      memcached -l 127.0.0.1 -p "$port" -U 0 -m 64 -c 1024
    ;;
  *)
    # --verbose: also log to stderr (there is no syslog here), which goes to logs/.
    start_detached "$logf" "$pidf" "$SWIFT_USER" \
      "swift-$part-server" "$sw/etc/$part-server.conf" --verbose
    ;;
  esac
}

# 0 = healthy, 2 = its process has exited (stop waiting), 1 = not yet.
swift_part_check() {
  local sw=$1 part=$2
  swift_answers "$part" && return 0
  pid_alive "$(pidfile_pid "$sw/run/$part.pid")" "$(swift_pattern "$part")" || return 2
  return 1
}

S3_LAUNCHED=""

# Launches whatever part is not answering; s3_wait waits for them (other services boot
# meanwhile).
s3_launch() {
  if swift_all_answer 2>/dev/null; then
    say s3 "already running on http://127.0.0.1:$S3_PORT"
    return
  fi
  ensure_packages "${SWIFT_PACKAGES[@]}"
  ensure_system_user "$SWIFT_USER"
  # The package ships this with the hash prefix/suffix; Swift always reads this fixed path.
  if [[ ! -f /etc/swift/swift.conf ]]; then
    mkdir -p /etc/swift
    printf '[swift-hash]\nswift_hash_path_suffix = primetech-dev\nswift_hash_path_prefix = primetech-dev\n' \
      >/etc/swift/swift.conf
  fi

  local sw part port
  sw=$(service_dir swift "$SWIFT_USER")

  # A port held by something else must fail now: on a bind conflict Swift retries for 30 s,
  # and a foreign instance would answer the health checks.
  for part in "${SWIFT_PARTS[@]}"; do
    port=$(swift_port "$part")
    if ! swift_answers "$part" && port_open "$port" &&
      ! pid_alive "$(pidfile_pid "$sw/run/$part.pid")" "$(swift_pattern "$part")"; then
      die "s3: port $port (swift $part) is taken by another process"
    fi
  done

  mkdir -p "$sw/etc" "$sw/node/d1" "$sw/run" "$sw/logs"
  if ((EUID == 0)); then chown "$SWIFT_USER:" "$sw/node" "$sw/node/d1"; fi
  swift_write_configs "$sw"
  swift_ensure_rings "$sw"

  for part in "${SWIFT_PARTS[@]}"; do
    swift_start_part "$sw" "$part"
  done
  S3_LAUNCHED=$sw
  say s3 "starting (state $sw)"
}

s3_wait() {
  [[ -n $S3_LAUNCHED ]] || return 0
  local sw=$S3_LAUNCHED part rc
  for part in "${SWIFT_PARTS[@]}"; do
    rc=0
    wait_for "$READY_TIMEOUT" swift_part_check "$sw" "$part" || rc=$?
    if ((rc != 0)); then
      log_tail "$sw/logs/$part.log"
      ((rc == 2)) && die "s3: swift $part exited while starting (log $sw/logs/$part.log)"
      die "s3: swift $part not healthy on 127.0.0.1:$(swift_port "$part") within ${READY_TIMEOUT}s"
    fi
  done
  say s3 "started on http://127.0.0.1:$S3_PORT"
}

s3_stop() {
  local sw part stopped=0
  sw=$(existing_service_dir swift)
  # Proxy first, memcached last: the reverse of the start order.
  for part in proxy object container account memcached; do
    if [[ -n $sw ]] && stop_pidfile "s3" "$sw/run/$part.pid" "$(swift_pattern "$part")"; then
      stopped=1
    elif swift_answers "$part"; then
      say s3 "port $(swift_port "$part") ($part) answers, but not started by this checkout: left alone"
    fi
  done
  if ((stopped)); then say s3 "stopped"; else say s3 "not running"; fi
}

s3_status() {
  local part down=()
  for part in "${SWIFT_PARTS[@]}"; do
    swift_answers "$part" || down+=("$part:$(swift_port "$part")")
  done
  if ((${#down[@]} == 0)); then
    say s3 "up    http://127.0.0.1:$S3_PORT  key test:tester  secret testing  region us-east-1  (path-style, no SSL)"
  else
    say s3 "DOWN  (not answering: ${down[*]})"
    return 1
  fi
}
