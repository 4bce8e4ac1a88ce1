#!/usr/bin/env bash
# The offline check of the Kubernetes manifests (k8s/): renders the base and every overlay with
# `kubectl kustomize`, validates every object and enforces the container rules (k8s/check/check.mjs),
# then confirms that the check rejects a broken fixture (k8s/check/fixtures/bad), so it cannot
# silently pass everything. Needs kubectl (1.32, with kustomize 5.5) and Node.js; no cluster.
# Its last line is the summary scripts/test.sh prints: "k8s check  N renderings …, N objects, ok".
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo/k8s/check"

for tool in kubectl node npm; do
  command -v "$tool" >/dev/null || { echo "k8s check  needs $tool on the PATH"; exit 1; }
done

# The pinned kubernetes-models and js-yaml (package-lock.json) are installed once; the npm
# registry is reachable on this machine. kubernetes-models 5 declares Node 22 but runs on 20.
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

selftest="$(node check.mjs --expect-fail fixtures/bad 2>&1)" || {
  echo "$selftest"
  echo "k8s check  FAILED: the check let the broken fixture through"
  exit 1
}
echo "$selftest"
node check.mjs
