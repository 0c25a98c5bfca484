#!/usr/bin/env bash
# bench/run.sh: what `task bench` runs. Installs the peers it compares
# against when it can (root with apt-get), builds galley, runs the Go
# benchmarks five times and summarises them with benchstat, then times
# galley against pandoc (and pandoc's PDF engines) and Typst (typst.ts, from
# npm) and rewrites the targets and results sections of docs/performance.md. Extra arguments go to bench/peers
# (e.g. -batch 200 -runs 3 for a quicker run).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in pandoc weasyprint wkhtmltopdf; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} (Debian packages)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || true
    for pkg in "${missing[@]}"; do
      apt-get install -y -qq "$pkg" >/dev/null || echo "could not install $pkg; its rows will say so" >&2
    done
  else
    echo "not root or no apt-get: ${missing[*]} not installed; their rows will say so" >&2
  fi
fi

# Typst, a PDF peer, through typst.ts's Node compiler (npm).
if command -v npm >/dev/null && [ ! -d .task/typst/node_modules/@myriaddreamin/typst-ts-node-compiler ]; then
  mkdir -p .task/typst
  npm install --no-save --silent --prefix .task/typst @myriaddreamin/typst-ts-node-compiler >/dev/null 2>&1 ||
    echo "could not install typst.ts from npm; the Typst rows will say so" >&2
fi

mkdir -p bin .task/bench
go build -trimpath -o bin/galley ./cmd/galley

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before the Go benchmarks: $load_before" >&2
go test -run '^$' -bench . -benchmem -count "${BENCH_COUNT:-5}" -timeout 60m ./bench | tee .task/bench/go.txt >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
if go run golang.org/x/perf/cmd/benchstat@latest .task/bench/go.txt > .task/bench/benchstat.txt 2>/dev/null; then
  gobench=.task/bench/benchstat.txt
else
  echo "benchstat not available (no module proxy?): the raw benchmark output goes into the results" >&2
  gobench=.task/bench/go.txt
fi

go run ./bench/peers -galley bin/galley -doc docs/performance.md -gobench "$gobench" \
  -gobench-note "Load average (1, 5, 15 min): $load_before before the benchmarks, $load_after after." "$@"
