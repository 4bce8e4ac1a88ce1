#!/usr/bin/env bash
# Seeded fault runs of the distributed platform (issue 20, docs/reliability.md).
#   scripts/fault-runner.sh short [ARGS...]    a short batch: seeds 1-3, 20 s of load and 2 faults each (scripts/test.sh runs it)
#   scripts/fault-runner.sh long [N] [FROM] [ARGS...]  the long batch (Release build): N seeds (default 300) from FROM (default 1000), each as its seed plans it
#                                              (e.g. long 300 1000 --minutes 120: start no run after two hours)
#   scripts/fault-runner.sh run ARGS...        any runner arguments, e.g. run --seeds 17 --keep-logs (replay one seed)
#   scripts/fault-runner.sh plan SEEDS         print the seeds' plans (load mix, fault schedule) without running
#   scripts/fault-runner.sh down               stop the runner's PostgreSQL, RabbitMQ and Redis (its services stop with it)
# The runner starts its own servers with scripts/infra.sh on ports of its own, below the ephemeral
# port range (24432, 24672, 24379, epmd 24369, distribution 24673; services from 27700) unless
# PLATFORM_PG_PORT and the others name other ports (scripts/test.sh runs the short batch on its own 23xxx servers that way).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# The same defaults as tools/FaultRunner/Ports.cs (Ports.Default); here for `down`, which calls infra.sh itself.
export PLATFORM_PG_PORT="${PLATFORM_PG_PORT:-24432}" PLATFORM_REDIS_PORT="${PLATFORM_REDIS_PORT:-24379}"
export PLATFORM_AMQP_PORT="${PLATFORM_AMQP_PORT:-24672}" PLATFORM_EPMD_PORT="${PLATFORM_EPMD_PORT:-24369}"
export PLATFORM_RABBIT_DIST_PORT="${PLATFORM_RABBIT_DIST_PORT:-24673}"
unset PLATFORM_POSTGRES PLATFORM_RABBITMQ PLATFORM_REDIS

# Debug by default (scripts/test.sh has just built it); the long batch builds and runs Release,
# whose services spend less of the two cores per call, so more runs fit in an hour.
configuration=Debug
runner() {
  local built
  if ! built="$(dotnet build tools/FaultRunner -c "$configuration" -v quiet -nologo 2>&1)"; then
    echo "$built" >&2
    echo "fault runner: the build failed" >&2
    exit 1
  fi
  dotnet "tools/FaultRunner/bin/$configuration/net10.0/Platform.FaultRunner.dll" "$@"
}

case "${1:-}" in
  short) shift; runner --seeds 1-3 --load-seconds 20 --faults 2 "$@" ;;
  long) configuration=Release; runner --long "${2:-300}" --from "${3:-1000}" "${@:4}" ;;
  run) shift; runner "$@" ;;
  plan) runner --plan --seeds "${2:?plan SEEDS, e.g. plan 1-10}" ;;
  down) bash scripts/infra.sh down ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
