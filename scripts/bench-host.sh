#!/usr/bin/env bash
# Measures the embedded host: time from launching the process until all three services
# answer SERVING on gRPC health (first start on an empty data folder, then restarts on the
# same data), and resident memory after it has idled. Prints one line per run.
#   scripts/bench-host.sh [runs] [idle-seconds]
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${1:-3}" idle="${2:-20}"
port=5189
dotnet build Platform.sln -c Release -v quiet -nologo >/dev/null
host="$repo/services/Host/bin/Release/net10.0/Platform.Host.dll"
probe="$repo/tools/Probe/bin/Release/net10.0/Platform.Probe.dll"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version)"
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  dotnet "$host" --contentRoot "$repo/services/Host" --urls "http://127.0.0.1:$port" \
    --Platform:DataFolder="$data" >"$data/host.log" 2>&1 &
  pid=$!
  dotnet "$probe" wait "http://127.0.0.1:$port" 30 - scoring redemption dividends >/dev/null
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep "$idle"
  rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  hwm_kb=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
  own=$(grep -o 'ready, [0-9.]* s' "$data/host.log" || true)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  kind=$([[ $i == 1 ]] && echo "first start, empty data folder" || echo "restart on existing data")
  echo "run $i ($kind): SERVING after ${ready_ms} ms (host says: ${own:-?}); idle RSS $((rss_kb / 1024)) MB after ${idle} s, peak RSS $((hwm_kb / 1024)) MB"
done
