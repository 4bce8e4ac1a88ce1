#!/usr/bin/env bash
# The platform in containers (docker-compose.yml), built and checked with podman on a machine
# without Docker or a public registry: a Debian base from debootstrap, stand-ins for PostgreSQL,
# RabbitMQ and Redis built from it, the five .NET images from `dotnet publish` output.
#
#   scripts/containers.sh keys     the signing keys for the compose file's secrets (.local/containers/keys/)
#   scripts/containers.sh build    installs podman & co. when missing (as root), builds every image
#   scripts/containers.sh up       build, then start the compose project and wait until all is SERVING
#   scripts/containers.sh status   each service's gRPC health and the console's sign-in page, from the host
#   scripts/containers.sh test     up; a redemption and a posting through the API; a service killed,
#                                  restarted and serving again; the embedded host's image; down
#   scripts/containers.sh down     stop and remove the project's containers and volumes
#
# Host ports (127.0.0.1 only): PostgreSQL 55432, AMQP 55672, RabbitMQ management 55673, Redis 55379,
# Scoring 55181, Redemption 55182, Dividends 55183, the console 55184; change with PLATFORM_*_PORT.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO"
STATE="$REPO/.local/containers"
KEYS="$STATE/keys"
CLOCK="$STATE/clock"
PROJECT=love-points
TAG=dev
mkdir -p "$STATE"
export CONTAINERS_CONF="$STATE/containers.conf"

export PLATFORM_POSTGRES_PORT="${PLATFORM_POSTGRES_PORT:-55432}"
export PLATFORM_AMQP_PORT="${PLATFORM_AMQP_PORT:-55672}"
export PLATFORM_RABBITMQ_MANAGEMENT_PORT="${PLATFORM_RABBITMQ_MANAGEMENT_PORT:-55673}"
export PLATFORM_REDIS_PORT="${PLATFORM_REDIS_PORT:-55379}"
export PLATFORM_SCORING_PORT="${PLATFORM_SCORING_PORT:-55181}"
export PLATFORM_REDEMPTION_PORT="${PLATFORM_REDEMPTION_PORT:-55182}"
export PLATFORM_DIVIDENDS_PORT="${PLATFORM_DIVIDENDS_PORT:-55183}"
export PLATFORM_CONSOLE_PORT="${PLATFORM_CONSOLE_PORT:-55184}"
HOST_GRPC_PORT="${PLATFORM_HOST_GRPC_PORT:-55180}"
HOST_CONSOLE_PORT="${PLATFORM_HOST_CONSOLE_PORT:-55080}"

# The compose file's images: the local stand-ins and the images built here.
export PLATFORM_BASE_IMAGE="localhost/platform-base:$TAG"
export PLATFORM_POSTGRES_IMAGE="localhost/platform-standin-postgres:$TAG"
export PLATFORM_RABBITMQ_IMAGE="localhost/platform-standin-rabbitmq:$TAG"
export PLATFORM_REDIS_IMAGE="localhost/platform-standin-redis:$TAG"
export PLATFORM_SCORING_IMAGE="localhost/platform-scoring:$TAG"
export PLATFORM_REDEMPTION_IMAGE="localhost/platform-redemption:$TAG"
export PLATFORM_DIVIDENDS_IMAGE="localhost/platform-dividends:$TAG"
export PLATFORM_CONSOLE_IMAGE="localhost/platform-console:$TAG"
HOST_IMAGE="localhost/platform-host:$TAG"
export PLATFORM_KEYS="$KEYS"
export PLATFORM_CLOCK_DIR="$CLOCK"

# name image APP project health port console-url exposed-ports
APPS=(
  "scoring|$PLATFORM_SCORING_IMAGE|Platform.Scoring|services/Scoring|wait http://127.0.0.1:8080 3 scoring|8080||8080"
  "redemption|$PLATFORM_REDEMPTION_IMAGE|Platform.Redemption|services/Redemption|wait http://127.0.0.1:8080 3 redemption|8080||8080"
  "dividends|$PLATFORM_DIVIDENDS_IMAGE|Platform.Dividends|services/Dividends|wait http://127.0.0.1:8080 3 dividends|8080||8080"
  "console|$PLATFORM_CONSOLE_IMAGE|Platform.WebConsole|services/Console|http http://127.0.0.1:8080/signin 3|8080|http://0.0.0.0:8080|8080"
  "host|$HOST_IMAGE|Platform.Host|services/Host|wait http://127.0.0.1:5180 3 -|5180|http://0.0.0.0:5080|5180 5080"
)

say() { printf '%s\n' "$*" >&2; }
die() { say "containers: $*"; exit 1; }
phase() { say ""; say "== $* ($(date -u +%H:%M:%S))"; }
elapsed() { local s=$1; printf '%dm%02ds' $((s / 60)) $((s % 60)); }

compose() {
  podman-compose -p "$PROJECT" -f docker-compose.yml "${COMPOSE_EXTRA[@]}" "$@"
}
COMPOSE_EXTRA=()

PROBE="$REPO/tools/Probe/bin/Debug/net10.0/Platform.Probe.dll"
SMOKE="$REPO/tools/ContainerSmoke/bin/Debug/net10.0/Platform.ContainerSmoke.dll"

# ------------------------------------------------------------------ install

ensure_installed() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v podman-compose >/dev/null || missing+=(podman-compose)
  command -v buildah >/dev/null || missing+=(buildah)
  command -v skopeo >/dev/null || missing+=(skopeo)
  command -v runc >/dev/null || missing+=(runc)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v openssl >/dev/null || missing+=(openssl)
  [[ -n $(libfaketime) ]] || missing+=(libfaketime)
  if ((${#missing[@]})); then
    [[ $(id -u) == 0 ]] || die "missing ${missing[*]}: install them (apt-get install -y ${missing[*]}) or run as root"
    say "installing ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # crun (podman's default here) fails on rlimits and hybrid cgroups: runc, and limits podman can set.
  cat >"$CONTAINERS_CONF" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
}

libfaketime() { dpkg -L libfaketime 2>/dev/null | grep -m1 'libfaketimeMT.so.1$' || true; }

# ------------------------------------------------------------------ keys

keys() {
  command -v openssl >/dev/null || die "openssl is needed for the keys"
  mkdir -p "$KEYS"
  local owner
  for owner in people scoring redemption dividends; do
    if [[ ! -f $KEYS/$owner-key.pem ]]; then
      (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$KEYS/$owner-key.pem")
      say "new key $KEYS/$owner-key.pem"
    fi
    openssl pkey -in "$KEYS/$owner-key.pem" -pubout -out "$KEYS/$owner-key.pub.pem" 2>/dev/null
    # Secrets are bind-mounted as they are: the containers' user (uid 10001) reads the private
    # halves through its group, nobody else does.
    chmod 0640 "$KEYS/$owner-key.pem"
    chgrp 10001 "$KEYS/$owner-key.pem" 2>/dev/null || chmod 0644 "$KEYS/$owner-key.pem"
    chmod 0644 "$KEYS/$owner-key.pub.pem"
  done
}

# ------------------------------------------------------------------ build

debian_mirror() {
  local m
  m="$(grep -hs -m1 -E '^deb (\[[^]]*\] )?https?://' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n1 |
    sed -E 's/^deb (\[[^]]*\] )?//' | awk '{print $1}')"
  [[ -n $m ]] || m="$(grep -hs -m1 '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 | awk '{print $2}')"
  echo "${m:-http://deb.debian.org/debian}"
}

build_base() {
  if ! podman image exists localhost/debian:bookworm; then
    local rootfs="$STATE/rootfs" mirror
    mirror="$(debian_mirror)"
    say "debootstrap bookworm from $mirror (about a minute)"
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$STATE/debootstrap.log" 2>&1 ||
      die "debootstrap failed; see $STATE/debootstrap.log"
    # What debootstrap leaves behind that no image needs: downloaded packages and package lists (80 MB).
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | podman import - localhost/debian:bookworm >/dev/null
    rm -rf "$rootfs"
  fi
  podman build --format docker -q -t "$PLATFORM_BASE_IMAGE" -f deploy/containers/base/Containerfile deploy/containers/base >/dev/null
  say "base: $PLATFORM_BASE_IMAGE"
}

build_standins() {
  local s
  for s in postgres rabbitmq redis; do
    podman build --format docker -q --build-arg "BASE_IMAGE=$PLATFORM_BASE_IMAGE" \
      -t "localhost/platform-standin-$s:$TAG" "deploy/containers/standins/$s" >/dev/null
    say "stand-in: localhost/platform-standin-$s:$TAG"
  done
}

# The probe first, the program over it: one self-contained folder, one runtime (the host's
# project publishes only its own appsettings.json). Skipped when the sources are those of the
# last publish (tracked files and changes).
# sources_hash PROJECT: what a publish of PROJECT reads (the host: every service).
sources_hash() {
  local paths=("$1" services/Shared protos tools/Probe Directory.Build.props Directory.Packages.props global.json)
  [[ $1 == services/Host ]] && paths+=(services)
  { git ls-files -s -- "${paths[@]}"; git diff HEAD -- "${paths[@]}"
    git ls-files -o --exclude-standard -- "${paths[@]}" | xargs -r sha1sum; } | sha1sum | cut -d' ' -f1
}

publish() {
  local app=$1 project=$2 out="$STATE/publish/$1" hash
  hash="$(sources_hash "$project")"
  if [[ -f $out/.sources && $(cat "$out/.sources") == "$hash" ]]; then
    say "publish $app: up to date"
    return
  fi
  rm -rf "$out"
  local flags=(-c Release -r linux-x64 --self-contained -o "$out" -v quiet -nologo)
  { dotnet publish tools/Probe "${flags[@]}" >"$STATE/publish-$app.log" 2>&1 &&
    dotnet publish "$project" "${flags[@]}" >>"$STATE/publish-$app.log" 2>&1; } ||
    { tail -n 20 "$STATE/publish-$app.log" >&2; die "dotnet publish $project failed"; }
  echo "$hash" >"$out/.sources"
}

build_apps() {
  local entry name image app project health port console_url ports t
  for entry in "${APPS[@]}"; do
    IFS='|' read -r name image app project health port console_url ports <<<"$entry"
    t=$SECONDS
    publish "$app" "$project"
    podman build --format docker -q --target prebuilt -f deploy/containers/Containerfile \
      --build-arg "BASE_IMAGE=$PLATFORM_BASE_IMAGE" --build-arg "APP=$app" --build-arg "PROJECT=$project" \
      --build-arg "HEALTH=$health" --build-arg "PORT=$port" --build-arg "CONSOLE_URL=$console_url" \
      --build-arg "PORTS=$ports" -t "$image" . >/dev/null
    say "image: $image ($(elapsed $((SECONDS - t))))"
  done
}

tools() {
  dotnet build tools/Probe -c Debug -v quiet -nologo >/dev/null
  dotnet build tools/ContainerSmoke -c Debug -v quiet -nologo >/dev/null
}

build() {
  ensure_installed
  keys
  build_base
  build_standins
  build_apps
  tools
}

# ------------------------------------------------------------------ run

container() { echo "${PROJECT}_$1_1"; }

# Compose's health checks never run by themselves here (no systemd timers): run them.
wait_healthy() {
  local name=$1 timeout=$2 start=$SECONDS
  until podman healthcheck run "$(container "$name")" >/dev/null 2>&1; do
    ((SECONDS - start < timeout)) || { podman logs --tail 20 "$(container "$name")" >&2 || true; die "$name is not healthy after ${timeout}s"; }
    sleep 1
  done
  say "$name: healthy ($(elapsed $((SECONDS - start))))"
}

status() {
  local timeout=${1:-5} failed=0
  dotnet "$PROBE" wait "http://127.0.0.1:$PLATFORM_SCORING_PORT" "$timeout" scoring || failed=1
  dotnet "$PROBE" wait "http://127.0.0.1:$PLATFORM_REDEMPTION_PORT" "$timeout" redemption || failed=1
  dotnet "$PROBE" wait "http://127.0.0.1:$PLATFORM_DIVIDENDS_PORT" "$timeout" dividends || failed=1
  dotnet "$PROBE" http "http://127.0.0.1:$PLATFORM_CONSOLE_PORT/signin" "$timeout" || failed=1
  return $failed
}

start() {
  [[ -f $KEYS/people-key.pem ]] || keys
  # depends_on's service_healthy is not honoured here: the servers first, healthy, then the rest.
  compose up -d postgres rabbitmq redis >"$STATE/compose-up.log" 2>&1 || { cat "$STATE/compose-up.log" >&2; die "compose up failed"; }
  wait_healthy postgres 60
  wait_healthy redis 30
  wait_healthy rabbitmq 90
  compose up -d >>"$STATE/compose-up.log" 2>&1 || { cat "$STATE/compose-up.log" >&2; die "compose up failed"; }
  local s
  for s in scoring redemption dividends console; do wait_healthy "$s" 120; done
  status 30
}

down() {
  # Anonymous volumes too (a stand-in image's VOLUME without a mount): removed with their containers.
  local anonymous c
  anonymous="$(for c in $(podman ps -a --format '{{.Names}}' | grep -E "^(${PROJECT}_|platform-host-check)" || true); do
    podman inspect -f '{{range .Mounts}}{{if eq .Type "volume"}}{{.Name}} {{end}}{{end}}' "$c"; done)"
  compose down -v >"$STATE/compose-down.log" 2>&1 || true
  # Volumes of the project that compose down left (podman-compose 1.0 removes them with -v).
  podman volume ls -q --filter "label=io.podman.compose.project=$PROJECT" | xargs -r podman volume rm -f >/dev/null
  podman rm -f platform-host-check >/dev/null 2>&1 || true
  podman volume rm -f platform-host-check-data >/dev/null 2>&1 || true
  local v
  for v in $anonymous; do podman volume rm -f "$v" >/dev/null 2>&1 || true; done
}

# Containers and volumes of ours still there; $1: the volumes that existed before the test.
ours_left() {
  {
    podman ps -a --format '{{.Names}}' | grep -E "^(${PROJECT}_|platform-host-check)" || true
    podman volume ls --format '{{.Name}}' | grep -E "^(${PROJECT}_|platform-host-check)" || true
    [[ -z ${1+x} ]] || comm -13 <(echo "$1" | sort) <(podman volume ls -q | sort)
  }
}

# ------------------------------------------------------------------ test

# On a failure: each container's last lines, then down (PLATFORM_CONTAINERS_KEEP=1 keeps them to look at).
on_test_failure() {
  local rc=$? c
  trap - EXIT
  if ((rc != 0)); then
    for c in $(podman ps -a --format '{{.Names}}' | grep -E "^(${PROJECT}_|platform-host-check)" || true); do
      say "--- $c: $(podman inspect -f '{{.State.Status}} (exit {{.State.ExitCode}}, restarts {{.RestartCount}})' "$c")"
      podman logs --tail 8 "$c" 2>&1 | cut -c1-300 >&2 || true
    done
    [[ ${PLATFORM_CONTAINERS_KEEP:-} == 1 ]] || down
    say "containers test FAILED (exit $rc)"
  fi
  exit $rc
}

test_all() {
  local t0=$SECONDS t
  trap on_test_failure EXIT
  local volumes_before
  volumes_before="$(podman volume ls -q 2>/dev/null || true)"
  phase "build"
  build
  say "built in $(elapsed $((SECONDS - t0)))"

  phase "up (with Scoring's clock movable by libfaketime)"
  down
  mkdir -p "$CLOCK"
  cp "$(libfaketime)" "$CLOCK/libfaketimeMT.so.1"
  echo "+0" >"$CLOCK/offset"
  chmod 0644 "$CLOCK/offset" "$CLOCK/libfaketimeMT.so.1"
  COMPOSE_EXTRA=(-f deploy/containers/compose.clock.yml)
  t=$SECONDS
  start
  say "up and SERVING in $(elapsed $((SECONDS - t)))"

  phase "the console's first account, created inside its container (accounts in PostgreSQL)"
  podman exec "$(container console)" /app/Platform.WebConsole admin create smoke.admin --display-name 测试 >/dev/null ||
    die "admin create in the console's container failed"
  say "county admin smoke.admin created (its one-time password not shown)"

  phase "a posting and a redemption through the API"
  local prefix="CT$(date +%H%M%S)" token
  token="$("$STATE/publish/Platform.Host/Platform.Host" token --key "$KEYS/people-key.pem" --role county_admin --role village_admin \
    --role clerk --village '*' --supermarket '*' --subject smoke --days 30 2>/dev/null)"
  local scoring="http://127.0.0.1:$PLATFORM_SCORING_PORT" redemption="http://127.0.0.1:$PLATFORM_REDEMPTION_PORT"
  dotnet "$SMOKE" seed "$scoring" "$redemption" "$token" "$prefix"
  say "Scoring's clock +3 days: the public notice ends"
  echo "+3d" >"$CLOCK/offset"
  sleep 2
  dotnet "$SMOKE" post "$scoring" "$token" "$prefix" 60
  echo "+0" >"$CLOCK/offset"
  sleep 2
  dotnet "$SMOKE" redeem "$scoring" "$redemption" "$token" "$prefix" ORDER-1 2

  phase "Scoring's process killed"
  local pid restarts
  pid="$(podman inspect -f '{{.State.Pid}}' "$(container scoring)")"
  restarts="$(podman inspect -f '{{.RestartCount}}' "$(container scoring)")"
  kill -KILL "$pid"
  t=$SECONDS
  local restarted=""
  while ((SECONDS - t < 30)); do
    if [[ $(podman inspect -f '{{.State.Running}} {{.RestartCount}}' "$(container scoring)" 2>/dev/null) == "true $((restarts + 1))" ]]; then
      restarted="by its restart policy"
      break
    fi
    sleep 1
  done
  if [[ -z $restarted ]]; then
    say "not restarted by its restart policy within 30 s: state $(podman inspect -f '{{.State.Status}}' "$(container scoring)"); starting it"
    podman start "$(container scoring)" >/dev/null
    restarted="by this script (podman start)"
  fi
  say "scoring restarted $restarted after $(elapsed $((SECONDS - t)))"
  wait_healthy scoring 120
  status 60
  dotnet "$SMOKE" balance "$scoring" "$token" "$prefix"
  dotnet "$SMOKE" redeem "$scoring" "$redemption" "$token" "$prefix" ORDER-2 1
  say "recovered $(elapsed $((SECONDS - t))) after the kill"

  phase "the embedded host's image (read-only, data in a volume)"
  t=$SECONDS
  podman run -d --name platform-host-check --read-only --tmpfs /tmp -v platform-host-check-data:/data \
    -p "127.0.0.1:$HOST_GRPC_PORT:5180" -p "127.0.0.1:$HOST_CONSOLE_PORT:5080" "$HOST_IMAGE" >/dev/null
  dotnet "$PROBE" wait "http://127.0.0.1:$HOST_GRPC_PORT" 90 - scoring redemption dividends
  dotnet "$PROBE" http "http://127.0.0.1:$HOST_CONSOLE_PORT/signin" 30
  podman healthcheck run platform-host-check >/dev/null && say "host: healthy"
  say "host checked in $(elapsed $((SECONDS - t)))"

  phase "down"
  down
  local left
  left="$(ours_left "$volumes_before")"
  [[ -z $left ]] || die "left behind: $left"
  say "nothing of ours left (podman ps -a, podman volume ls)"
  say ""
  say "containers test passed in $(elapsed $((SECONDS - t0)))"
}

case "${1:-}" in
  keys) keys ;;
  build) build ;;
  up) build; start ;;
  status) status 5 ;;
  test) test_all ;;
  down) down; [[ -z $(ours_left) ]] || die "left behind: $(ours_left)" ;;
  *) die "usage: $0 keys|build|up|status|test|down" ;;
esac
