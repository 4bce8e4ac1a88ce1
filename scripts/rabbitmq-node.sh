#!/usr/bin/env bash
# A RabbitMQ node of its own, for tests that kill and restart the broker without touching the
# shared one that scripts/infra.sh runs. Same approach as infra.sh: own HOME (cookie), node
# name, folders, config, epmd port, distribution bound to loopback.
#
#   scripts/rabbitmq-node.sh start DIR AMQP_PORT EPMD_PORT DIST_PORT   start (or start again) and wait until ready
#   scripts/rabbitmq-node.sh kill  DIR                                 kill -9 the broker (its epmd keeps running)
#   scripts/rabbitmq-node.sh stop  DIR                                 stop the broker and its epmd
#
# The AMQP user is platform/platform. Everything lives under DIR; the ports are kept in
# DIR/ports, so kill and stop need only DIR.
set -euo pipefail

RMQ_BIN=/usr/lib/rabbitmq/bin
TIMEOUT="${RABBITMQ_NODE_TIMEOUT:-60}"

die() { printf 'rabbitmq-node: %s\n' "$*" >&2; exit 1; }
port_open() { timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$1" 2>/dev/null; }

running() {
  local st
  st="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  st=${st##*) }
  [[ ${st%% *} != Z ]]
}

# alive PIDFILE PATTERN: the pid in PIDFILE runs and its command line contains PATTERN.
alive() {
  local pid cmd
  pid="$(head -n1 "$1" 2>/dev/null)" || return 1
  [[ $pid =~ ^[0-9]+$ ]] && running "$pid" &&
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" && [[ $cmd == *"$2"* ]]
}

# signal PIDFILE PATTERN SIGNAL: send SIGNAL if alive() says the pid is ours, then wait until it is gone.
signal() {
  if alive "$1" "$2"; then
    local pid i; pid="$(head -n1 "$1")"
    kill "-$3" "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do running "$pid" || break; sleep 0.2; done
    running "$pid" && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

close_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd"/*; do
    fd=${fd##*/}
    if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

setup() {
  DIR="$(mkdir -p "$1" && cd "$1" && pwd -P)"
  if [[ $# -ge 4 ]]; then
    printf '%s %s %s\n' "$2" "$3" "$4" >"$DIR/ports"
  fi
  [[ -f $DIR/ports ]] || die "$DIR/ports is missing: start the node first"
  read -r AMQP_PORT EPMD_PORT DIST_PORT <"$DIR/ports"
  NODE="it-rabbit-$AMQP_PORT@localhost"
  EPMD="$(command -v epmd || echo /usr/lib/erlang/bin/epmd)"
  ENVS=(
    HOME="$DIR/home" LC_ALL=C.UTF-8
    RABBITMQ_NODENAME="$NODE"
    RABBITMQ_CONF_ENV_FILE="$DIR/rabbitmq-env.conf"
    RABBITMQ_CONFIG_FILE="$DIR/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$DIR/advanced.config"
    RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins"
    RABBITMQ_MNESIA_BASE="$DIR/mnesia"
    RABBITMQ_LOG_BASE="$DIR/log"
    RABBITMQ_PID_FILE="$DIR/beam.pid"
    RABBITMQ_DIST_PORT="$DIST_PORT"
    ERL_EPMD_PORT="$EPMD_PORT" ERL_EPMD_ADDRESS=127.0.0.1
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
    RABBITMQ_CTL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
  )
}

cmd_start() {
  [[ -x $RMQ_BIN/rabbitmq-server ]] || die "rabbitmq-server is not installed (scripts/infra.sh up installs it)"
  mkdir -p "$DIR/home" "$DIR/mnesia" "$DIR/log"
  local cookie="$DIR/home/.erlang.cookie"
  [[ -s $cookie ]] || { (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$cookie"); chmod 400 "$cookie"; }
  : >"$DIR/rabbitmq-env.conf"
  echo '[].' >"$DIR/enabled_plugins"
  cat >"$DIR/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
loopback_users = none
default_user = platform
default_pass = platform
EOF
  if ! alive "$DIR/epmd.pid" "epmd -port $EPMD_PORT"; then
    port_open "$EPMD_PORT" && die "epmd port $EPMD_PORT is already used"
    (close_fds; exec setsid nohup "$EPMD" -port "$EPMD_PORT" -address 127.0.0.1) </dev/null >"$DIR/log/epmd.log" 2>&1 &
    echo $! >"$DIR/epmd.pid"
  fi
  if ! alive "$DIR/beam.pid" beam; then
    port_open "$AMQP_PORT" && die "AMQP port $AMQP_PORT is already used"
    rm -f "$DIR/beam.pid"
    (close_fds; exec env "${ENVS[@]}" setsid nohup "$RMQ_BIN/rabbitmq-server") </dev/null >>"$DIR/log/startup.log" 2>&1 &
    echo $! >"$DIR/server.pid"
  fi
  local start=$SECONDS
  until port_open "$AMQP_PORT"; do
    ((SECONDS - start < TIMEOUT)) || { tail -n 20 "$DIR/log/startup.log" >&2; die "no AMQP listener on $AMQP_PORT within ${TIMEOUT}s"; }
    sleep 0.1
  done
  env "${ENVS[@]}" "$RMQ_BIN/rabbitmqctl" -n "$NODE" await_startup --timeout "$TIMEOUT" >/dev/null 2>&1 ||
    die "the node did not finish booting; see $DIR/log/"
}

cmd_kill() {
  # The VM itself, as a crash would; the start script exits with it.
  if alive "$DIR/beam.pid" beam; then kill -KILL "$(head -n1 "$DIR/beam.pid")"; fi
  signal "$DIR/beam.pid" beam KILL
  signal "$DIR/server.pid" rabbitmq-server KILL
}

cmd_stop() {
  signal "$DIR/beam.pid" beam TERM
  signal "$DIR/server.pid" rabbitmq-server TERM
  signal "$DIR/epmd.pid" "epmd -port $EPMD_PORT" TERM
}

case "${1:-}" in
  start) [[ $# == 5 ]] || die "usage: $0 start DIR AMQP_PORT EPMD_PORT DIST_PORT"; setup "$2" "$3" "$4" "$5"; cmd_start ;;
  kill) [[ $# == 2 ]] || die "usage: $0 kill DIR"; setup "$2"; cmd_kill ;;
  stop) [[ $# == 2 ]] || die "usage: $0 stop DIR"; setup "$2"; cmd_stop ;;
  *) die "usage: $0 start DIR AMQP_PORT EPMD_PORT DIST_PORT | kill DIR | stop DIR" ;;
esac
