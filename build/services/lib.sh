# shellcheck shell=bash
# Shared helpers for services.sh (sourced, not run).
#
# Everything the services write lives under <repo root>/.dev (git-ignored). The repo root is
# two levels above this folder, so any clone (CI checks out elsewhere) gets its own state.

# Globals are used by the other sourced files (the directive applies to the whole file).
# shellcheck disable=SC2034
SERVICES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd "$SERVICES_DIR/../.." && pwd -P)
DEV_DIR="$REPO_ROOT/.dev"
RUN_DIR="$DEV_DIR/run"
LOG_DIR="$DEV_DIR/logs"
# Seconds each service gets to become ready before start fails.
READY_TIMEOUT="${PRIMETECH_SERVICES_TIMEOUT:-60}"

say() { printf '%-10s %s\n' "[$1]" "${*:2}"; }
die() {
  printf 'ERROR: %s\n' "$*" >&2
  exit 1
}

# Milliseconds since the epoch, for the timings printed by services.sh.
now_ms() {
  local t=${EPOCHREALTIME/./}
  echo $((t / 1000))
}

# ---------------------------------------------------------------- packages

_APT_UPDATED=0

pkg_installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

# ensure_packages PKG...: installs the missing ones (apt-get update once per run, only when
# something is missing). DPkg::Lock::Timeout waits for another apt/dpkg run to finish instead
# of failing on the lock.
ensure_packages() {
  local missing=() p sudo=()
  for p in "$@"; do
    pkg_installed "$p" || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}) and not root: install them first"
    sudo=(sudo)
  fi
  say apt "installing ${missing[*]}"
  local lock=(-o DPkg::Lock::Timeout=600)
  if ((_APT_UPDATED == 0)); then
    "${sudo[@]}" apt-get "${lock[@]}" update -qq || die "apt-get update failed"
    _APT_UPDATED=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------- users and folders

# Creates a system account when running as root (a normal user runs everything as itself).
ensure_system_user() {
  ((EUID == 0)) || return 0
  id -u "$1" >/dev/null 2>&1 && return 0
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$1"
}

# Children never inherit fd 9, the lock services.sh holds during start/stop (`9>&-` below):
# a server keeping it open would block every later start/stop.

# run_as USER CMD...: as root, runs CMD as USER keeping the PID (setpriv execs, unlike
# runuser/su, which fork). From / so the user is not left in an unreadable cwd like /root.
run_as() {
  local user=$1
  shift
  if ((EUID == 0)); then
    (cd / && exec setpriv --reuid="$user" --regid="$user" --init-groups -- "$@") 9>&-
  else
    (cd / && exec "$@") 9>&-
  fi
}

# start_detached LOG PIDFILE USER CMD...: starts CMD in the background in its own session
# (setsid: no terminal signals reach it after this script ends) and records its PID.
# A background child of a non-interactive shell is never a process-group leader, so setsid
# execs in place and $! is the server's own PID.
start_detached() {
  local logf=$1 pidf=$2 user=$3
  shift 3
  local as=()
  if ((EUID == 0)) && [[ -n $user ]]; then
    as=(setpriv --reuid="$user" --regid="$user" --init-groups --)
  fi
  (cd / && exec setsid "${as[@]}" "$@") >>"$logf" 2>&1 </dev/null 9>&- &
  echo $! >"$pidf"
}

# service_dir NAME USER: prints the folder for a service's state, one USER can reach.
# Normally .dev/NAME. When USER cannot traverse to the repo (e.g. it sits under /root), or
# the path is long or odd (PostgreSQL's socket path is limited to 107 bytes and goes through
# config strings), the state goes to /var/tmp/primetech-<hash of repo path>/NAME and
# .dev/NAME becomes a symlink to it, so the next run and `stop` find it again.
service_dir() {
  local name=$1 user=$2 link alt target
  link="$DEV_DIR/$name"
  if [[ -L $link ]]; then
    target=$(readlink "$link")
    mkdir -p "$target"
    echo "$target"
    return
  fi
  mkdir -p "$link"
  if [[ ${#link} -le 80 && $link =~ ^[A-Za-z0-9/._-]+$ ]] &&
    { ((EUID != 0)) || run_as "$user" test -x "$link"; }; then
    echo "$link"
    return
  fi
  alt="/var/tmp/primetech-$(printf %s "$REPO_ROOT" | sha256sum | cut -c1-12)/$name"
  rmdir "$link" 2>/dev/null || die "$link is not reachable by user $user and not empty; move it away"
  mkdir -p "$alt"
  chmod 755 "$(dirname "$alt")"
  ln -s "$alt" "$link"
  echo "$alt"
}

# Existing state folder of a service (following the symlink), or nothing.
existing_service_dir() {
  [[ -e $DEV_DIR/$1 ]] && readlink -f "$DEV_DIR/$1"
  return 0
}

# ---------------------------------------------------------------- processes and ports

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when URL answers 2xx within 2 s.
http_ok() {
  curl -fsS --max-time 2 -o /dev/null "$1" 2>/dev/null
}

# pid_alive PID [PATTERN]: the process exists, is not a zombie (nothing reaps exited
# processes in these containers) and, if given, its command line contains PATTERN (guards
# against a PID reused after a reboot).
pid_alive() {
  local pid=$1 pattern=${2:-} stat state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  state=${stat##*) }
  state=${state%% *}
  [[ $state != Z && $state != X ]] || return 1
  [[ -z $pattern ]] || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}

pid_gone() { ! pid_alive "$1"; }

pidfile_pid() {
  [[ -f $1 ]] && cat "$1" 2>/dev/null
  return 0
}

# stop_pidfile NAME PIDFILE PATTERN: SIGTERM, wait up to 15 s, then SIGKILL.
stop_pidfile() {
  local name=$1 pidf=$2 pattern=$3 pid
  pid=$(pidfile_pid "$pidf")
  if [[ -z $pid ]] || ! pid_alive "$pid" "$pattern"; then
    rm -f "$pidf"
    return 1
  fi
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for 15 pid_gone "$pid"; then
    say "$name" "did not stop on SIGTERM within 15 s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for 5 pid_gone "$pid" || true
  fi
  rm -f "$pidf"
  return 0
}

# wait_for SECONDS CMD...: polls CMD every 0.1 s until it succeeds (0) or the time is up (1).
# CMD returning 2 means "the process died, stop waiting" and is passed on at once.
wait_for() {
  local secs=$1 rc
  shift
  local end=$((${EPOCHREALTIME/./} + secs * 1000000))
  while true; do
    rc=0
    "$@" || rc=$?
    ((rc == 0 || rc == 2)) && return $rc
    ((${EPOCHREALTIME/./} < end)) || return 1
    sleep 0.1
  done
}

# Last lines of a log, for failure messages.
log_tail() {
  [[ -f $1 ]] || return 0
  echo "---- last lines of $1" >&2
  tail -n 20 "$1" >&2
}
