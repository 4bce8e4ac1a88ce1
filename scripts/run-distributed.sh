#!/usr/bin/env bash
# The distributed run on one machine: Scoring, Redemption and Dividends as separate
# processes on PostgreSQL, RabbitMQ and Redis from scripts/infra.sh, and the console
# (http://127.0.0.1:5184/, its accounts in PostgreSQL) calling them.
#   scripts/run-distributed.sh up      start the servers, the three services and the console, wait until each answers
#   scripts/run-distributed.sh up --replicas N   N processes of Scoring and of Redemption (ports 5281, 5291, …
#                                      and 5282, 5292, …) behind tools/LoadBalancer on 5181 and 5182
#   scripts/run-distributed.sh status  ask each service's gRPC health and the console's sign-in page
#   scripts/run-distributed.sh down    stop the services and the console (the servers stay; scripts/infra.sh down stops them)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
run="$repo/.local/run"
mkdir -p "$run"

# service port
services=("scoring 5181" "redemption 5182" "dividends 5183")
project_of() { case "${1%-*}" in scoring) echo Scoring ;; redemption) echo Redemption ;; dividends) echo Dividends ;; esac; }
lb="$repo/tools/LoadBalancer/bin/Debug/net10.0/Platform.LoadBalancer.dll"
# What up started, one "name port" a line (scoring-1 5281, lb-scoring 5181, …), for status and down.
instances_file="$run/instances"
replicas=1

# The processes for $replicas: with one replica each service listens on its own address; with
# more, Scoring's and Redemption's replicas listen on 52x1, 52x2 (x = replica) and a load
# balancer takes the service's address, so the console and Redemption's Scoring link (both on
# 5181/5182) reach every replica. Dividends stays one process.
plan() {
  for entry in "${services[@]}"; do
    read -r name port <<<"$entry"
    if (( replicas > 1 )) && [[ $name != dividends ]]; then
      for ((i = 1; i <= replicas; i++)); do echo "$name-$i $((port + 100 + (i - 1) * 10))"; done
      echo "lb-$name $port"
    else
      echo "$name $port"
    fi
  done
}
instances() { if [[ -f $instances_file ]]; then cat "$instances_file"; else plan; fi; }
probe="$repo/tools/Probe/bin/Debug/net10.0/Platform.Probe.dll"
console_url="http://127.0.0.1:5184"

alive() { [[ -f "$run/$1.pid" ]] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

up() {
  bash scripts/infra.sh up
  # shellcheck disable=SC1091
  source .local/infra.env
  dotnet build Platform.sln -c Debug -v quiet -nologo
  # Split keys (created on the first run, kept under .local/auth/): the console's people key
  # signs people's tokens; each service has a key of its own that signs only its own service
  # token. Every service is given the public halves: the people key and the other services'
  # keys. No service can mint a person's token. An operator token (a county admin's, signed
  # with the people key) is written for trying the services by hand.
  local auth="$repo/.local/auth"
  mkdir -p "$auth"
  for owner in people scoring redemption dividends; do
    if [[ ! -f "$auth/$owner-key.pem" ]]; then
      (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$auth/$owner-key.pem")
    fi
    openssl pkey -in "$auth/$owner-key.pem" -pubout -out "$auth/$owner-key.pub.pem" 2>/dev/null
  done
  dotnet services/Host/bin/Debug/net10.0/Platform.Host.dll token --key "$auth/people-key.pem" \
    --role county_admin --subject "operator" --days 1 >"$run/operator.token" 2>/dev/null
  if [[ -f $instances_file ]] && [[ "$(plan)" != "$(cat "$instances_file")" ]]; then
    echo "another replica count runs ($instances_file): run $0 down first" >&2
    exit 1
  fi
  plan >"$instances_file"
  while read -r name port; do
    if alive "$name"; then
      echo "$name already runs (pid $(cat "$run/$name.pid"))"
      continue
    fi
    if [[ $name == lb-* ]]; then
      local backends=()
      while read -r other other_port; do
        [[ $other == "${name#lb-}"-* ]] && backends+=("http://127.0.0.1:$other_port")
      done <"$instances_file"
      setsid dotnet "$lb" "$port" "${backends[@]}" >"$run/$name.log" 2>&1 </dev/null &
      echo $! >"$run/$name.pid"
      continue
    fi
    project="$(project_of "$name")"
    local trusted=()
    for other in scoring redemption dividends; do
      [[ "$other" == "${name%-*}" ]] || trusted+=("--Platform:Auth:ServiceKeys:$other=$auth/$other-key.pub.pem")
    done
    # setsid: the service outlives this script; its pid file lets down stop exactly it.
    setsid dotnet "services/$project/bin/Debug/net10.0/Platform.$project.dll" \
      --contentRoot "$repo/services/$project" --urls "http://127.0.0.1:$port" --Platform:Mode=Distributed \
      --Platform:Auth:SigningKey="$auth/${name%-*}-key.pem" --Platform:Auth:PeopleKeys="$auth/people-key.pub.pem" \
      "${trusted[@]}" \
      >"$run/$name.log" 2>&1 < /dev/null &
    echo $! >"$run/$name.pid"
  done <"$instances_file"
  # The console signs people's tokens with the people key; its cookie keys live under .local/run.
  if alive console; then
    echo "console already runs (pid $(cat "$run/console.pid"))"
  else
    setsid dotnet services/Console/bin/Debug/net10.0/Platform.WebConsole.dll \
      --Platform:Mode=Distributed --Platform:Auth:SigningKey="$auth/people-key.pem" \
      --Platform:Console:Url="$console_url" --Platform:Console:KeysFolder="$run/console-keys" \
      --Platform:Console:Scoring=http://127.0.0.1:5181 --Platform:Console:Redemption=http://127.0.0.1:5182 \
      --Platform:Console:Dividends=http://127.0.0.1:5183 \
      >"$run/console.log" 2>&1 < /dev/null &
    echo $! >"$run/console.pid"
  fi
  status 60
  echo "a county_admin token for one day: $run/operator.token"
  echo "the console: $console_url/ ; its first account:"
  echo "  dotnet services/Console/bin/Debug/net10.0/Platform.WebConsole.dll admin create NAME --Platform:Mode=Distributed"
}

status() {
  local timeout="${1:-5}" failed=0
  while read -r name port; do
    local deadline=$((SECONDS + timeout)) ok=0
    while (( SECONDS < deadline )); do
      if ! alive "$name"; then
        echo "$name is not running; see $run/$name.log"
        break
      fi
      # A balancer answers with some replica's health, through its one address.
      if dotnet "$probe" wait "http://127.0.0.1:$port" 2 "$(project_of "${name#lb-}" | tr '[:upper:]' '[:lower:]')" 2>/dev/null; then ok=1; break; fi
    done
    if (( ok == 0 )); then
      failed=1
      echo "$name: not SERVING on 127.0.0.1:$port; last lines of $run/$name.log:"
      tail -n 5 "$run/$name.log" 2>/dev/null || true
    fi
  done < <(instances)
  local deadline=$((SECONDS + timeout)) ok=0
  while (( SECONDS < deadline )); do
    alive console || break
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$console_url/signin" 2>/dev/null) == 200 ]]; then ok=1; break; fi
    sleep 0.5
  done
  if (( ok == 0 )); then
    failed=1
    echo "console: no sign-in page at $console_url; last lines of $run/console.log:"
    tail -n 5 "$run/console.log" 2>/dev/null || true
  fi
  return $failed
}

down() {
  while read -r name _; do
    if alive "$name"; then
      kill "$(cat "$run/$name.pid")"
      for _ in $(seq 50); do alive "$name" || break; sleep 0.1; done
      alive "$name" && kill -9 "$(cat "$run/$name.pid")"
      echo "stopped $name"
    fi
    rm -f "$run/$name.pid"
  done < <(instances)
  rm -f "$instances_file"
  if alive console; then
    kill "$(cat "$run/console.pid")"
    for _ in $(seq 50); do alive console || break; sleep 0.1; done
    alive console && kill -9 "$(cat "$run/console.pid")"
    echo "stopped console"
  fi
  rm -f "$run/console.pid"
}

command="${1:-up}"
if [[ ${2:-} == --replicas ]]; then
  replicas="${3:?--replicas takes a number}"
  [[ $replicas =~ ^[1-9]$ ]] || { echo "--replicas: 1 to 9" >&2; exit 2; }
fi
case "$command" in
  up) up ;;
  status) status ;;
  down) down ;;
  *) echo "usage: $0 up [--replicas N]|status|down" >&2; exit 2 ;;
esac
