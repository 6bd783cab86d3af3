# shellcheck shell=bash
# PostgreSQL 15: a throwaway cluster for dev and tests (sourced by services.sh).
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` OS user.
# Durability is switched off (fsync, synchronous_commit, full_page_writes): fast, and the data
# is disposable. Auth is trust on 127.0.0.1 only.

PG_PORT="${PRIMETECH_PG_PORT:-55432}"
PG_BIN="${PRIMETECH_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DB=primetech
PG_USER=postgres

pg_ready() {
  [[ -x $PG_BIN/pg_isready ]] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 1
}

pg_psql() {
  PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$@"
}

pg_ensure_db() {
  local exists
  exists=$(pg_psql -d postgres -c "select 1 from pg_database where datname = '$PG_DB'") ||
    die "postgres: cannot query the server on port $PG_PORT as user $PG_USER (trust auth expected)"
  if [[ $exists != 1 ]]; then
    pg_psql -d postgres -c "create database $PG_DB" >/dev/null
    say postgres "created database $PG_DB"
  fi
}

# PostgreSQL starts in well under a second: launch does it all (pg_ctl -w waits, and notices
# a postmaster that dies); postgres_wait has nothing left to do.
postgres_launch() {
  [[ -x $PG_BIN/pg_ctl ]] || ensure_packages postgresql-15
  if pg_ready; then
    say postgres "already running on 127.0.0.1:$PG_PORT"
    pg_ensure_db
    return
  fi
  port_open "$PG_PORT" && die "postgres: port $PG_PORT is taken by something that is not PostgreSQL"

  ensure_system_user "$PG_USER"
  local home data
  home=$(service_dir pg "$PG_USER")
  data="$home/data"
  mkdir -p "$home/run"
  if ((EUID == 0)); then chown "$PG_USER:" "$home" "$home/run"; fi

  if [[ ! -f $data/PG_VERSION ]]; then
    rm -rf "$data" # an interrupted initdb leaves a half-made folder initdb refuses to reuse
    say postgres "initdb in $data"
    run_as "$PG_USER" "$PG_BIN/initdb" -D "$data" --auth=trust -U "$PG_USER" -E UTF8 \
      --locale=C.UTF-8 --no-sync >"$home/initdb.log" 2>&1 ||
      {
        log_tail "$home/initdb.log"
        die "postgres: initdb failed"
      }
  fi

  # Settings go on the command line (not into postgresql.conf) so a changed port applies on
  # the next start. service_dir guarantees the socket path has no spaces or quotes.
  local opts="-c port=$PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$home/run"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
  # -w polls until the server accepts connections; pg_ctl detaches the postmaster itself.
  run_as "$PG_USER" "$PG_BIN/pg_ctl" -D "$data" -l "$home/postgres.log" -o "$opts" \
    -w -t "$READY_TIMEOUT" -s start ||
    {
      log_tail "$home/postgres.log"
      die "postgres: not ready on 127.0.0.1:$PG_PORT within ${READY_TIMEOUT}s"
    }
  wait_for "$READY_TIMEOUT" pg_ready || die "postgres: pg_isready fails on 127.0.0.1:$PG_PORT"
  say postgres "started on 127.0.0.1:$PG_PORT (data $data)"
  pg_ensure_db
}

postgres_wait() { :; }

postgres_stop() {
  local home
  home=$(existing_service_dir pg)
  if [[ -n $home && -f $home/data/postmaster.pid ]] &&
    run_as "$PG_USER" "$PG_BIN/pg_ctl" -D "$home/data" status >/dev/null 2>&1; then
    run_as "$PG_USER" "$PG_BIN/pg_ctl" -D "$home/data" -m fast -w -t 60 -s stop ||
      die "postgres: pg_ctl stop failed"
    say postgres "stopped"
  elif pg_ready; then
    say postgres "port $PG_PORT answers, but not a cluster of this checkout: left alone"
  else
    say postgres "not running"
  fi
}

postgres_status() {
  if pg_ready; then
    say postgres "up    Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Database=$PG_DB"
  else
    say postgres "DOWN  (port $PG_PORT)"
    return 1
  fi
}
