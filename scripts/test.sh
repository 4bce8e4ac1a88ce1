#!/usr/bin/env bash
# Runs every test of the platform: starts (installing if needed) PostgreSQL, RabbitMQ and
# Redis on loopback with scripts/infra.sh, builds the solution, runs each test project, and
# ends with one line "N passed, N failed" (", N skipped" when any) totalled over all projects.
# Exits non-zero when any test fails or any project does not run.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
started=$SECONDS

bash scripts/infra.sh up
# shellcheck disable=SC1091
source .local/infra.env

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Platform.sln -c Debug -v quiet -nologo

results="$repo/.local/test-results"
rm -rf "$results"
mkdir -p "$results"

passed=0 failed=0 skipped=0 broken=()
for project in $(find tests -name '*.Tests.csproj' | sort); do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  if ! dotnet test "$project" --no-build -c Debug --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$results" 2>&1 | grep -Ev '^\s*$' | grep -Ev '^  (Passed|Standard Output)' ; then
    :
  fi
  trx="$results/$name.trx"
  if [[ ! -f "$trx" ]]; then
    broken+=("$name (no results: the test host did not run)")
    continue
  fi
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  p=$(get passed) f=$(get failed) t=$(get total) e=$(get executed) x=$(get error)
  passed=$((passed + p))
  failed=$((failed + f + x))
  skipped=$((skipped + t - e))
  if grep -q 'outcome="Failed"\|outcome="Aborted"\|outcome="Error"' <<<"$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx")"; then
    if (( f + x == 0 )); then broken+=("$name (the run was aborted)"); fi
  fi
done

echo
echo "Test run took $((SECONDS - started)) s."
for b in "${broken[@]}"; do echo "broken: $b"; done
summary="$passed passed, $failed failed"
(( skipped > 0 )) && summary+=", $skipped skipped"
echo "$summary"
(( failed == 0 && ${#broken[@]} == 0 ))
