#!/usr/bin/env bash
# Local infrastructure for development and tests: PostgreSQL, Redis, RabbitMQ, and the
# browser (Debian's chromium, with fonts-noto-cjk) that the console's tests drive.
#
#   scripts/infra.sh up       install (Debian/Ubuntu, as root) + start + wait until ready,
#                             then write .local/infra.env (source it in tests and services)
#   scripts/infra.sh down     stop what we started (data is kept)
#   scripts/infra.sh status   exit 0 when all three are reachable
#   scripts/infra.sh rabbitmqctl ARGS...   run rabbitmqctl against our node (debugging)
#
# Servers run as plain background processes on ports of our own (no systemd, no Docker),
# with data, logs and pid files under <repo>/.local/infra/. They keep running after
# this script exits. PLATFORM_POSTGRES / PLATFORM_REDIS / PLATFORM_RABBITMQ already set
# in the environment mean "use that server instead": it is checked, not started.
set -euo pipefail

# pwd -P: one canonical path however the script is reached (pid checks compare paths).
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
INFRA="$REPO/.local/infra"
ENV_FILE="$REPO/.local/infra.env"
TIMEOUT="${PLATFORM_INFRA_TIMEOUT:-60}"

# Below Linux's ephemeral range (32768-60999 by default), where outgoing connections take their
# source ports: a server started again on a port inside it (after a crash, by the fault runner)
# can find the port held by a client's socket (ESTABLISHED, or TIME-WAIT for a minute) and fail
# with "Address already in use" although nothing listens there.
PG_PORT="${PLATFORM_PG_PORT:-23432}"
REDIS_PORT="${PLATFORM_REDIS_PORT:-23379}"
AMQP_PORT="${PLATFORM_AMQP_PORT:-23672}"
EPMD_PORT="${PLATFORM_EPMD_PORT:-23369}"
DIST_PORT="${PLATFORM_RABBIT_DIST_PORT:-23673}"

OUR_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=platform;Password=platform"
OUR_REDIS="127.0.0.1:$REDIS_PORT"
OUR_RABBITMQ="amqp://platform:platform@127.0.0.1:$AMQP_PORT/"

# PostgreSQL refuses to run as root; as root we run it as the `postgres` user. Its folder
# must be reachable by that user: if the repo sits somewhere it cannot enter (e.g. /root is
# mode 700), `up` puts the folder under /var/lib/postgresql and links it from .local/infra.
PG_ROOT="$INFRA/postgres"
[[ -L $PG_ROOT ]] && PG_ROOT="$(readlink -f "$PG_ROOT")"
PG_DATA="$PG_ROOT/data"
PG_LOG="$PG_ROOT/postgres.log"

REDIS_DIR="$INFRA/redis"
REDIS_PID="$REDIS_DIR/redis.pid"
REDIS_LOG="$REDIS_DIR/redis.log"

RMQ_DIR="$INFRA/rabbitmq"
RMQ_NODE="platform-rabbit@localhost"
RMQ_PID="$RMQ_DIR/rabbitmq-server.pid"  # the start script (ours, from $!)
RMQ_BEAM_PID="$RMQ_DIR/beam.pid"        # the Erlang VM (written by RabbitMQ itself)
RMQ_LOG="$RMQ_DIR/log/startup.log"
EPMD_PID="$RMQ_DIR/epmd.pid"
# Call the real scripts, not the /usr/sbin wrappers: those `cd /var/lib/rabbitmq`, switch
# to the rabbitmq user and use its Erlang cookie, so our node would be unreachable
# ("TCP connection succeeded but Erlang distribution failed").
RMQ_BIN=/usr/lib/rabbitmq/bin
CHROMIUM="${PLATFORM_CHROMIUM:-/usr/bin/chromium}"

say() { printf '%s\n' "$*"; }
die() { printf 'infra: %s\n' "$*" >&2; exit 1; }
is_root() { [[ $(id -u) == 0 ]]; }

# port_open HOST PORT: something accepts TCP connections there.
# shellcheck disable=SC2016 # $0 $1 expand in the inner bash
port_open() { timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

# running PID: the process exists and is not a zombie. Our servers are daemons whose parent
# is PID 1, which may be slow to reap them (it is on this kind of VM/container).
running() {
  local st
  st="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  st=${st##*) }
  [[ ${st%% *} != Z ]]
}

# gone PID [SECONDS]: wait until PID has exited (default 30 s).
gone() {
  local i
  for ((i = 0; i < ${2:-30} * 5; i++)); do running "$1" || return 0; sleep 0.2; done
  return 1
}

# alive PIDFILE PATTERN: the pid in PIDFILE runs and its command line contains PATTERN
# (so a pid reused by an unrelated process after a reboot does not count).
alive() {
  local pid cmd
  pid="$(head -n1 "$1" 2>/dev/null)" || return 1
  [[ $pid =~ ^[0-9]+$ ]] && running "$pid" &&
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" && [[ $cmd == *"$2"* ]]
}

# stop_pid PIDFILE PATTERN: TERM, wait up to 30 s, then KILL. Only if alive() says it is ours.
stop_pid() {
  if alive "$1" "$2"; then
    local pid; pid="$(head -n1 "$1")"
    kill -TERM "$pid" 2>/dev/null || true
    gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

# close_fds: close file descriptors above 2 that we (our lock) or our caller (e.g. a CI
# runner's pipes) hold. Servers are started as `( close_fds; exec server … ) &` so that they
# do not keep those open for their whole life, and so that $! is the server itself.
close_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd"/*; do
    fd=${fd##*/}
    if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

# wait_until NAME LOG ALIVE_CMD CHECK...: poll CHECK until it succeeds. Fails after $TIMEOUT s,
# or as soon as ALIVE_CMD fails (after a 3 s grace for pid files to appear).
wait_until() {
  local name=$1 log=$2 alive_cmd=$3 start=$SECONDS; shift 3
  until "$@" >/dev/null 2>&1; do
    local why=""
    ((SECONDS - start >= TIMEOUT)) && why="did not become ready within ${TIMEOUT}s"
    ((SECONDS - start >= 3)) && ! $alive_cmd && why="exited during startup"
    if [[ -n $why ]]; then
      tail -n 20 "$log" >&2 2>/dev/null || true
      die "$name $why; see $log"
    fi
    sleep 0.2
  done
}

# given VAR: the environment names a server other than ours for VAR, so we leave it alone.
# (A value equal to ours, e.g. from a shell that sourced infra.env, still means "ours".)
given() {
  local ours="OUR_${1#PLATFORM_}"
  [[ -n ${!1:-} && ${!1} != "${!ours}" ]]
}

# external_reachable VAR: TCP check of the host:port named in a given connection setting.
external_reachable() {
  local v=${!1} host="" port=""
  shopt -s nocasematch
  case $1 in
    PLATFORM_POSTGRES)
      [[ ";$v;" =~ \;[[:space:]]*(host|server)[[:space:]]*=[[:space:]]*([^\;,]+) ]] && host=${BASH_REMATCH[2]}
      [[ ";$v;" =~ \;[[:space:]]*port[[:space:]]*=[[:space:]]*([0-9]+) ]] && port=${BASH_REMATCH[1]}
      port=${port:-5432} ;;
    PLATFORM_RABBITMQ)
      [[ $v =~ ^amqp(s?)://([^@/]*@)?([^:/?]+)(:([0-9]+))? ]] && host=${BASH_REMATCH[3]} port=${BASH_REMATCH[5]}
      [[ -n $port ]] || { [[ -n ${BASH_REMATCH[1]:-} ]] && port=5671 || port=5672; } ;;
    PLATFORM_REDIS)
      local first=${v%%,*}
      host=${first%:*}; port=${first##*:}
      [[ $first == *:* ]] || port=6379 ;;
  esac
  shopt -u nocasematch
  [[ -n $host ]] && port_open "${host// /}" "$port"
}

# ---------------------------------------------------------------- binaries / install

find_pg_bin() {
  local d cands=()
  command -v pg_ctl >/dev/null && cands+=("$(dirname "$(readlink -f "$(command -v pg_ctl)")")")
  command -v pg_config >/dev/null && cands+=("$(pg_config --bindir 2>/dev/null || true)")
  mapfile -t -O "${#cands[@]}" cands < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV)
  for d in "${cands[@]}"; do
    [[ -x $d/initdb && -x $d/pg_ctl && -x $d/psql && -x $d/pg_isready ]] && { PG_BIN=$d; return 0; }
  done
  return 1
}
have_redis() { command -v redis-server >/dev/null && command -v redis-cli >/dev/null; }
have_rabbit() { [[ -x $RMQ_BIN/rabbitmq-server && -x $RMQ_BIN/rabbitmqctl ]] && find_epmd; }
have_chromium() { [[ -x $CHROMIUM ]]; }
have_cjk_fonts() { compgen -G '/usr/share/fonts/opentype/noto/NotoSansCJK*' >/dev/null; }
find_epmd() { EPMD="$(command -v epmd || echo /usr/lib/erlang/bin/epmd)"; [[ -x $EPMD ]]; }

ensure_installed() {
  local pkgs=()
  given PLATFORM_POSTGRES || find_pg_bin || pkgs+=(postgresql)
  given PLATFORM_REDIS || have_redis || pkgs+=(redis-server)
  given PLATFORM_RABBITMQ || have_rabbit || pkgs+=(rabbitmq-server)
  # The console's browser tests drive Debian's chromium; without the CJK fonts Chinese shows as boxes.
  have_chromium || pkgs+=(chromium)
  have_cjk_fonts || pkgs+=(fonts-noto-cjk)
  ((${#pkgs[@]})) || return 0
  is_root || die "missing ${pkgs[*]}; install with:
  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${pkgs[*]}"
  say "installing ${pkgs[*]} (apt-get)..."
  # close_fds: package scripts may start daemons; they must not inherit our lock.
  (close_fds; apt-get update -qq) >/dev/null || die "apt-get update failed"
  (close_fds; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}") >/dev/null ||
    die "apt-get install ${pkgs[*]} failed"
  given PLATFORM_POSTGRES || find_pg_bin || die "postgresql installed but its binaries were not found"
  given PLATFORM_REDIS || have_redis || die "redis-server installed but not found on PATH"
  given PLATFORM_RABBITMQ || have_rabbit || die "rabbitmq-server installed but $RMQ_BIN or epmd not found"
  have_chromium || die "chromium installed but not found at $CHROMIUM"
}

# Refuse to start on a port someone else already listens on: our readiness checks would
# otherwise happily talk to their server.
port_free() { ! port_open 127.0.0.1 "$2" || die "$1: port $2 is already used by another process; set $3 to another port"; }

# ephemeral_note NAME PORT VAR: say so when a port lies in the machine's ephemeral range (see PG_PORT).
ephemeral_note() {
  local low high
  read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || return 0
  if (($2 >= low && $2 <= high)); then
    say "$1: note: port $2 lies in this machine's ephemeral range ($low-$high); a restart may find it taken by an outgoing connection's socket; set $3 below $low"
  fi
}

# sockets_on PORT: every TCP socket on the port, to stderr (why a bind failed: often a client's).
sockets_on() { { echo "TCP sockets on port $1:"; ss -tanp "( sport = :$1 )" 2>&1 | head -n 20; } >&2 || true; }

# ---------------------------------------------------------------- PostgreSQL

# as_pg CMD...: run as the postgres user when we are root (cd / : it may not enter our cwd).
as_pg() { if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
pg_alive() { alive "$PG_DATA/postmaster.pid" "$PG_DATA"; }
pg_ready() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" &&
    [[ $(PGPASSWORD=platform PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" \
      -U platform -d postgres -tAc 'select 1' 2>/dev/null) == 1 ]]
}

start_postgres() {
  if is_root && [[ ! -L $INFRA/postgres ]] && ! runuser -u postgres -- test -x "$INFRA"; then
    PG_ROOT="/var/lib/postgresql/platform-infra/$(printf %s "$INFRA" | cksum | cut -d' ' -f1)"
    PG_DATA="$PG_ROOT/data" PG_LOG="$PG_ROOT/postgres.log"
    if [[ -e $INFRA/postgres ]]; then mv "$INFRA/postgres" "$INFRA/postgres.unreachable.$(date +%s)"; fi
    mkdir -p "$PG_ROOT" && ln -s "$PG_ROOT" "$INFRA/postgres"
    say "postgres: the postgres user cannot enter $INFRA; data goes to $PG_ROOT (linked)"
  fi
  mkdir -p "$PG_ROOT"
  if is_root; then chown postgres: "$PG_ROOT"; fi
  if pg_alive; then
    local running_port
    running_port="$(sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null)"
    [[ -z $running_port || $running_port == "$PG_PORT" ]] ||
      die "postgres: this checkout's server runs on port $running_port, not $PG_PORT; stop this checkout's servers first with scripts/infra.sh down (it finds them by their pid files, whatever their ports)"
    say "postgres: already running"
    return
  fi
  # Stale lock files (its process is gone); PostgreSQL refuses to start while their pid
  # still exists, e.g. as a not yet reaped zombie, or reused by another process.
  rm -f "$PG_DATA/postmaster.pid" "$PG_ROOT"/.s.PGSQL.*
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    say "postgres: initdb $PG_DATA"
    rm -rf "$PG_DATA"
    # The bootstrap superuser *is* `platform` (superuser, can create databases), with a
    # password; every connection, local or TCP, must use it (scram-sha-256).
    local pw="$PG_ROOT/.pw"
    (umask 077 && echo platform >"$pw")
    if is_root; then chown postgres: "$pw"; fi
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U platform --pwfile="$pw" --auth=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$PG_ROOT/initdb.log" 2>&1 || { rm -f "$pw"; die "initdb failed; see $PG_ROOT/initdb.log"; }
    rm -f "$pw"
  fi
  port_free postgres "$PG_PORT" PLATFORM_PG_PORT
  ephemeral_note postgres "$PG_PORT" PLATFORM_PG_PORT
  # A unix socket path must fit in 107 bytes; we only use TCP, so drop it if too long.
  local sock=$PG_ROOT; ((${#sock} < 90)) || sock=""
  say "postgres: starting on 127.0.0.1:$PG_PORT"
  (close_fds; as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$sock' -c max_connections=300 $PG_TUNING") </dev/null >/dev/null ||
    { tail -n 20 "$PG_LOG" >&2 || true; sockets_on "$PG_PORT"; die "postgres failed to start; see $PG_LOG"; }
}

# A county's month-end writes well over the server defaults' 1 GB of WAL and 128 MB of buffers:
# with them it forces a checkpoint every ~20 s in the middle of the job. Durability is untouched
# (fsync and synchronous_commit stay on). These are the settings docs/benchmarks.md measured with.
PG_TUNING="-c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=15min"

stop_postgres() {
  if pg_alive; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$TIMEOUT" stop >/dev/null
    say "postgres: stopped"
  fi
}

# ---------------------------------------------------------------- Redis

redis_alive() { alive "$REDIS_PID" redis-server; }
redis_ready() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

start_redis() {
  mkdir -p "$REDIS_DIR/data"
  if redis_alive; then say "redis: already running"; return; fi
  rm -f "$REDIS_PID"
  port_free redis "$REDIS_PORT" PLATFORM_REDIS_PORT
  ephemeral_note redis "$REDIS_PORT" PLATFORM_REDIS_PORT
  say "redis: starting on 127.0.0.1:$REDIS_PORT"
  # Nothing in Redis is a source of truth: no snapshots, no AOF.
  (close_fds; exec redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --pidfile "$REDIS_PID" \
    --dir "$REDIS_DIR/data" --logfile "$REDIS_LOG" --save "" --appendonly no) </dev/null >/dev/null
}

stop_redis() {
  if redis_alive; then stop_pid "$REDIS_PID" redis-server; say "redis: stopped"; fi
}

# ---------------------------------------------------------------- RabbitMQ

# The environment every RabbitMQ/Erlang tool needs to find and talk to *our* node, not the
# system one: own HOME (hence own .erlang.cookie), node name, epmd port, folders, config.
# Erlang distribution (how rabbitmqctl talks to the node) binds to loopback only.
RMQ_ENV=(
  HOME="$RMQ_DIR/home" LC_ALL=C.UTF-8
  RABBITMQ_NODENAME="$RMQ_NODE"
  RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"
  RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf"
  RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
  RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
  RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia"
  RABBITMQ_LOG_BASE="$RMQ_DIR/log"
  RABBITMQ_PID_FILE="$RMQ_BEAM_PID"
  RABBITMQ_DIST_PORT="$DIST_PORT"
  ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
  RABBITMQ_CTL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
)
rabbit_env() { env "${RMQ_ENV[@]}" "$@"; }
rabbit_ctl() { rabbit_env "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" "$@"; }
epmd_alive() { alive "$EPMD_PID" "epmd -port $EPMD_PORT"; }
rabbit_alive() { alive "$RMQ_PID" rabbitmq-server || alive "$RMQ_BEAM_PID" beam; }
amqp_open() { port_open 127.0.0.1 "$AMQP_PORT"; }

start_rabbitmq() {
  mkdir -p "$RMQ_DIR/home" "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
  # The CLI tools authenticate to the node with the cookie in $HOME/.erlang.cookie;
  # Erlang rejects a cookie file that others can read.
  local cookie="$RMQ_DIR/home/.erlang.cookie"
  [[ -s $cookie ]] || { (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$cookie"); chmod 400 "$cookie"; }
  : >"$RMQ_DIR/rabbitmq-env.conf"        # ignore /etc/rabbitmq/rabbitmq-env.conf
  echo '[].' >"$RMQ_DIR/enabled_plugins"  # no management plugin (it would take port 15672)
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
loopback_users = none
default_user = platform
default_pass = platform
EOF
  # Our own epmd (Erlang's node name registry) on our port, loopback only, so we can stop it.
  if ! epmd_alive; then
    port_free epmd "$EPMD_PORT" PLATFORM_EPMD_PORT
    ephemeral_note epmd "$EPMD_PORT" PLATFORM_EPMD_PORT
    (close_fds; exec setsid nohup "$EPMD" -port "$EPMD_PORT" -address 127.0.0.1) \
      </dev/null >"$RMQ_DIR/log/epmd.log" 2>&1 &
    echo $! >"$EPMD_PID"
  fi
  if rabbit_alive; then say "rabbitmq: already running"; return; fi
  rm -f "$RMQ_PID" "$RMQ_BEAM_PID"
  port_free rabbitmq "$AMQP_PORT" PLATFORM_AMQP_PORT
  port_free rabbitmq "$DIST_PORT" PLATFORM_RABBIT_DIST_PORT
  ephemeral_note rabbitmq "$AMQP_PORT" PLATFORM_AMQP_PORT
  ephemeral_note rabbitmq "$DIST_PORT" PLATFORM_RABBIT_DIST_PORT
  say "rabbitmq: starting on 127.0.0.1:$AMQP_PORT"
  # exec env → setsid → nohup → the server script, all in one process: $! is the server.
  (close_fds; exec env "${RMQ_ENV[@]}" setsid nohup "$RMQ_BIN/rabbitmq-server") </dev/null >"$RMQ_LOG" 2>&1 &
  echo $! >"$RMQ_PID"
}

wait_rabbitmq() {
  # `rabbitmq-diagnostics ping` answers before the AMQP listener is open: wait for the
  # port, then for the boot to complete.
  wait_until rabbitmq "$RMQ_LOG" rabbit_alive amqp_open
  rabbit_ctl await_startup --timeout "$TIMEOUT" >/dev/null 2>&1 ||
    { tail -n 20 "$RMQ_LOG" >&2 || true; die "rabbitmq did not finish booting; see $RMQ_LOG and $RMQ_DIR/log/"; }
}

stop_rabbitmq() {
  if rabbit_alive; then
    # rabbitmqctl needs our epmd; without it, ask the VM to stop with SIGTERM instead.
    if epmd_alive && rabbit_env timeout 60 "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" stop >/dev/null 2>&1 &&
      alive "$RMQ_PID" rabbitmq-server; then
      gone "$(head -n1 "$RMQ_PID")" || true  # the start script exits once the VM has halted
    fi
    stop_pid "$RMQ_BEAM_PID" beam
    stop_pid "$RMQ_PID" rabbitmq-server
    say "rabbitmq: stopped"
  fi
  rm -f "$RMQ_PID" "$RMQ_BEAM_PID"
  stop_pid "$EPMD_PID" "epmd -port $EPMD_PORT"
}

# ---------------------------------------------------------------- commands

lock() {
  mkdir -p "$INFRA"
  exec 9>>"$INFRA/.lock"
  # Two `up`s at once (parallel test runs) must not start two of each. Servers are
  # started after close_fds so that they do not keep holding this lock.
  flock -w 300 9 || die "another infra.sh is still running (lock $INFRA/.lock)"
}

cmd_up() {
  lock
  ensure_installed
  local var
  for var in PLATFORM_POSTGRES PLATFORM_REDIS PLATFORM_RABBITMQ; do
    if given $var; then
      external_reachable $var || die "$var is set (${!var}) but not reachable"
      local name=${var#PLATFORM_}
      say "${name,,}: using the server given by $var"
    fi
  done
  # RabbitMQ boots slowest: start it first and wait for it last.
  given PLATFORM_RABBITMQ || start_rabbitmq
  given PLATFORM_POSTGRES || start_postgres
  given PLATFORM_REDIS || start_redis
  given PLATFORM_POSTGRES || wait_until postgres "$PG_LOG" pg_alive pg_ready
  given PLATFORM_REDIS || wait_until redis "$REDIS_LOG" redis_alive redis_ready
  given PLATFORM_RABBITMQ || wait_rabbitmq

  local pg=${PLATFORM_POSTGRES:-$OUR_POSTGRES} redis=${PLATFORM_REDIS:-$OUR_REDIS} rmq=${PLATFORM_RABBITMQ:-$OUR_RABBITMQ}
  q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }  # single-quote for the shell
  {
    echo "# Written by scripts/infra.sh up; source it: . .local/infra.env"
    echo "export PLATFORM_POSTGRES=$(q "$pg")"
    echo "export PLATFORM_RABBITMQ=$(q "$rmq")"
    echo "export PLATFORM_REDIS=$(q "$redis")"
    echo "export PLATFORM_CHROMIUM=$(q "$CHROMIUM")"
  } >"$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  say ""
  say "postgres  $pg"
  say "redis     $redis"
  say "rabbitmq  $rmq"
  say "chromium  $CHROMIUM (the console's browser tests)"
  say "(written to $ENV_FILE; logs in $INFRA)"
}

cmd_down() {
  lock
  if find_pg_bin; then stop_postgres; fi
  stop_redis
  stop_rabbitmq
  say "down (data kept in $INFRA)"
}

cmd_status() {
  local ok=0 line
  # report NAME VAR ALIVE_CMD READY_CMD ADDRESS
  report() {
    if given "$2"; then
      if external_reachable "$2"; then line="given by $2, reachable"; else line="given by $2, NOT reachable"; ok=1; fi
    elif $3 && $4; then line="running on $5"
    elif $3; then line="running but NOT reachable on $5"; ok=1
    else line="stopped"; ok=1
    fi
    printf '%-9s %s\n' "$1" "$line"
  }
  find_pg_bin || PG_BIN=/nonexistent
  report postgres PLATFORM_POSTGRES pg_alive pg_ready "127.0.0.1:$PG_PORT"
  report redis PLATFORM_REDIS redis_alive redis_ready "127.0.0.1:$REDIS_PORT"
  # Only call rabbitmqctl when our epmd runs: otherwise Erlang would start a new epmd.
  rabbit_ready() { amqp_open && epmd_alive && rabbit_ctl status >/dev/null 2>&1; }
  report rabbitmq PLATFORM_RABBITMQ rabbit_alive rabbit_ready "127.0.0.1:$AMQP_PORT"
  return $ok
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  rabbitmqctl) shift; have_rabbit || die "rabbitmq-server is not installed"; rabbit_ctl "$@" ;;
  *) die "usage: $0 up|down|status|rabbitmqctl ARGS..." ;;
esac
