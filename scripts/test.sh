#!/usr/bin/env bash
# Runs the platform's tests.
#
#   scripts/test.sh          every test: starts (installing if needed) PostgreSQL, RabbitMQ and
#                            Redis on loopback with scripts/infra.sh, builds the solution (code
#                            style is enforced by the build), checks `dotnet format`, runs every
#                            test project, then the fault runner's short batch (a few seeded runs
#                            of the distributed platform while its parts are killed, on the same
#                            servers: docs/reliability.md). Servers it started are stopped at the
#                            end; servers that were already running are left running.
#                            This is what .ci/run calls.
#   scripts/test.sh --fast   the edit-test loop: no servers, no format check; builds and runs
#                            every test project except Integration.Tests and Browser.Tests
#                            (the console in chromium), side by side.
#
# Prints one line per project (passed, failed, seconds), then each failed test's name and
# message, and ends with one line "N passed, N failed" totalled over all projects. The full
# console output of each project is kept in .local/test-results/<project>.log.
# Exits non-zero when any test fails, any project does not run, the format check fails or the
# Kubernetes manifests' check (scripts/k8s-check.sh) fails.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
started=$SECONDS

fast=0
for arg in "$@"; do
  case "$arg" in
    --fast) fast=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

servers_were_up=1
# Servers named from outside (PLATFORM_POSTGRES…) serve the tests, but not the fault runner, which
# kills its servers: it starts its own, and then must not leave them running.
external_servers=0
[[ -n "${PLATFORM_POSTGRES:-}${PLATFORM_RABBITMQ:-}${PLATFORM_REDIS:-}" ]] && external_servers=1
if (( ! fast )); then
  bash scripts/infra.sh status >/dev/null 2>&1 || servers_were_up=0
  bash scripts/infra.sh up
  # shellcheck disable=SC1091
  source .local/infra.env
fi

dotnet build Platform.sln -c Debug -v quiet -nologo -clp:NoSummary

format_failed=0
if (( ! fast )); then
  echo "== dotnet format --verify-no-changes"
  if ! dotnet format Platform.sln --verify-no-changes --no-restore -v quiet --exclude services/Scoring/Data/Migrations services/Redemption/Data/Migrations services/Dividends/Data/Migrations services/Console/Accounts/Migrations; then
    format_failed=1
    echo "format: the code is not formatted as .editorconfig says; run: dotnet format Platform.sln"
  fi
fi

results="$repo/.local/test-results"
rm -rf "$results"
mkdir -p "$results"

# The Kubernetes manifests, checked offline (a few seconds): its full output in k8s-check.log.
k8s_failed=0
bash scripts/k8s-check.sh >"$results/k8s-check.log" 2>&1 || k8s_failed=1
k8s_line="$(tail -n 1 "$results/k8s-check.log")"

projects=()
for project in $(find tests -name '*.Tests.csproj' | sort); do
  if (( fast )) && [[ $(basename "$project") == *Integration.Tests.csproj || $(basename "$project") == *Browser.Tests.csproj ]]; then continue; fi
  projects+=("$project")
done

# run_project PROJECT: runs one project's tests, its console output to <name>.log, its
# results to <name>.trx, its wall time to <name>.seconds.
run_project() {
  local project=$1 name
  name="$(basename "$project" .csproj)"
  local t0=$SECONDS
  dotnet test "$project" --no-build -c Debug --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" >"$results/$name.log" 2>&1 || true
  echo $((SECONDS - t0)) >"$results/$name.seconds"
}

if (( fast )); then
  pids=()
  for project in "${projects[@]}"; do run_project "$project" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid"; done
else
  for project in "${projects[@]}"; do
    echo "== $(basename "$project" .csproj)"
    run_project "$project"
  done
fi

# The fault runner's short batch on the same servers (their ports as infra.sh chose them): it
# starts the services distributed, kills them, PostgreSQL and RabbitMQ under load and checks that
# nothing was lost (docs/reliability.md). Its output is in fault-runner.log; its last line is kept.
fault_failed=0 fault_line=""
if (( ! fast )); then
  echo "== fault runner (short batch)"
  t0=$SECONDS
  keep=(--keep-servers)
  (( external_servers )) && keep=()
  PLATFORM_PG_PORT="${PLATFORM_PG_PORT:-23432}" PLATFORM_REDIS_PORT="${PLATFORM_REDIS_PORT:-23379}" \
    PLATFORM_AMQP_PORT="${PLATFORM_AMQP_PORT:-23672}" PLATFORM_EPMD_PORT="${PLATFORM_EPMD_PORT:-23369}" \
    PLATFORM_RABBIT_DIST_PORT="${PLATFORM_RABBIT_DIST_PORT:-23673}" \
    bash scripts/fault-runner.sh short "${keep[@]}" >"$results/fault-runner.log" 2>&1 || fault_failed=1
  fault_line="fault runner: $(tail -n 1 "$results/fault-runner.log") ($((SECONDS - t0)) s)"
fi

passed=0 failed=0 skipped=0 broken=()
echo
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  trx="$results/$name.trx"
  seconds="$(cat "$results/$name.seconds" 2>/dev/null || echo '?')"
  if [[ ! -f "$trx" ]]; then
    broken+=("$name (no results: the test host did not run; see .local/test-results/$name.log)")
    tail -20 "$results/$name.log" || true
    continue
  fi
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  p=$(get passed) f=$(get failed) t=$(get total) e=$(get executed) x=$(get error)
  passed=$((passed + p))
  failed=$((failed + f + x))
  skipped=$((skipped + t - e))
  printf '%-28s %4d passed, %d failed (%s s)\n' "$name" "$p" "$((f + x))" "$seconds"
  if grep -q 'outcome="Failed"\|outcome="Aborted"\|outcome="Error"' <<<"$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx")"; then
    if (( f + x == 0 )); then broken+=("$name (the run was aborted; see .local/test-results/$name.log)"); fi
    # The failed tests with their messages and stack traces; the output they wrote is in the log.
    awk '/^  Failed /{show=1} /^  (Passed|Skipped) /{show=0} /^  Standard (Output|Error) Messages:/{show=0}
         /^(Failed|Passed)!  -/{show=0} /^Results File:/{show=0} show' "$results/$name.log" | head -200
  fi
done

echo
echo "Test run took $((SECONDS - started)) s."
for b in "${broken[@]}"; do echo "broken: $b"; done
(( format_failed )) && echo "broken: dotnet format --verify-no-changes"
if (( k8s_failed )); then
  grep -v ' objects ok$' "$results/k8s-check.log" | head -40
  echo "broken: scripts/k8s-check.sh (see .local/test-results/k8s-check.log)"
else
  echo "$k8s_line"
fi
if (( ! fast )); then
  echo "$fault_line"
  if (( fault_failed )); then
    # The failed runs' lines, or (when it did not get as far as a run: a build error, a server) the end of its output.
    grep -E '^seed [0-9]+ FAIL|VIOLATION|logs kept|replay:' "$results/fault-runner.log" | head -40 | grep . || tail -20 "$results/fault-runner.log"
    echo "broken: the fault runner's short batch (see .local/test-results/fault-runner.log)"
  fi
  if (( ! servers_were_up )); then
    bash scripts/infra.sh down >/dev/null 2>&1 && echo "PostgreSQL, RabbitMQ and Redis stopped (this run started them)"
  fi
fi
summary="$passed passed, $failed failed"
(( skipped > 0 )) && summary+=", $skipped skipped"
echo "$summary"
(( failed == 0 && ${#broken[@]} == 0 && format_failed == 0 && k8s_failed == 0 && fault_failed == 0 ))
