#!/usr/bin/env bash
# The distributed run on one machine: Scoring, Redemption and Dividends as separate
# processes on PostgreSQL, RabbitMQ and Redis from scripts/infra.sh.
#   scripts/run-distributed.sh up      start the servers and the three services, wait until each is SERVING
#   scripts/run-distributed.sh status  ask each service's gRPC health
#   scripts/run-distributed.sh down    stop the three services (the servers stay; scripts/infra.sh down stops them)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
run="$repo/.local/run"
mkdir -p "$run"

# service port
services=("scoring 5181" "redemption 5182" "dividends 5183")
project_of() { case "$1" in scoring) echo Scoring ;; redemption) echo Redemption ;; dividends) echo Dividends ;; esac; }
probe="$repo/tools/Probe/bin/Debug/net10.0/Platform.Probe.dll"

alive() { [[ -f "$run/$1.pid" ]] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

up() {
  bash scripts/infra.sh up
  # shellcheck disable=SC1091
  source .local/infra.env
  dotnet build Platform.sln -c Debug -v quiet -nologo
  # One signing key for the three services (created on the first run, kept under .local/):
  # each checks tokens with it and mints its own service token. An operator token for trying
  # the services by hand is written next to it.
  local key="$repo/.local/auth/signing-key.pem"
  dotnet services/Host/bin/Debug/net10.0/Platform.Host.dll token --key "$key" \
    --role county_admin --subject "operator" --days 1 >"$run/operator.token" 2>/dev/null
  for entry in "${services[@]}"; do
    read -r name port <<<"$entry"
    if alive "$name"; then
      echo "$name already runs (pid $(cat "$run/$name.pid"))"
      continue
    fi
    project="$(project_of "$name")"
    # setsid: the service outlives this script; its pid file lets down stop exactly it.
    setsid dotnet "services/$project/bin/Debug/net10.0/Platform.$project.dll" \
      --contentRoot "$repo/services/$project" --urls "http://127.0.0.1:$port" --Platform:Mode=Distributed \
      --Platform:Auth:SigningKey="$key" \
      >"$run/$name.log" 2>&1 < /dev/null &
    echo $! >"$run/$name.pid"
  done
  status 60
  echo "a county_admin token for one day: $run/operator.token"
}

status() {
  local timeout="${1:-5}" failed=0
  for entry in "${services[@]}"; do
    read -r name port <<<"$entry"
    local deadline=$((SECONDS + timeout)) ok=0
    while (( SECONDS < deadline )); do
      if ! alive "$name"; then
        echo "$name is not running; see $run/$name.log"
        break
      fi
      if dotnet "$probe" wait "http://127.0.0.1:$port" 2 "$name" 2>/dev/null; then ok=1; break; fi
    done
    if (( ok == 0 )); then
      failed=1
      echo "$name: not SERVING on 127.0.0.1:$port; last lines of $run/$name.log:"
      tail -n 5 "$run/$name.log" 2>/dev/null || true
    fi
  done
  return $failed
}

down() {
  for entry in "${services[@]}"; do
    read -r name _ <<<"$entry"
    if alive "$name"; then
      kill "$(cat "$run/$name.pid")"
      for _ in $(seq 50); do alive "$name" || break; sleep 0.1; done
      alive "$name" && kill -9 "$(cat "$run/$name.pid")"
      echo "stopped $name"
    fi
    rm -f "$run/$name.pid"
  done
}

case "${1:-up}" in
  up) up ;;
  status) status ;;
  down) down ;;
  *) echo "usage: $0 up|status|down" >&2; exit 2 ;;
esac
