#!/usr/bin/env bash
# Every benchmark against Cairn on a fresh SQLite file and on a fresh PostgreSQL database, and
# against a reference server when REFERENCE_URL is set (for example MLflow's own server,
# started by hand). Prints one line per figure.
# usage: bash bench/run-all.sh [--quick]     (--quick: shorter runs, 10,000 instead of 100,000 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
runs_big=100000; seconds=10; points=1000000
if [ "$quick" = "--quick" ]; then runs_big=10000; seconds=4; points=200000; fi
work=$(mktemp -d)
pg_admin=${CAIRN_BENCH_PG_ADMIN:-postgresql://postgres@127.0.0.1:5432/postgres}
pg_db=cairn_bench_$$
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  psql "$pg_admin" -qc "drop database if exists $pg_db with (force)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

serve() { # uri port
  node --import tsx bench/serve.ts "$1" "$2" >"$work/server-$2.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$2/health" >/dev/null && return; sleep 0.2; done
  echo "server on port $2 did not start:"; cat "$work/server-$2.log"; exit 1
}

run_suite() { # label url
  echo "== $1"
  node --import tsx bench/ingest.ts "$2" --seconds "$seconds"
  node --import tsx bench/search.ts "$2" --runs 1000 --max-results 1000 2>/dev/null
  node --import tsx bench/history.ts "$2" --points "$points" 2>/dev/null
}

serve "sqlite:///$work/cairn.db" 5191
run_suite "cairn sqlite" http://127.0.0.1:5191
node --import tsx bench/search.ts http://127.0.0.1:5191 --runs "$runs_big" --max-results 100 2>/dev/null

psql "$pg_admin" -qc "create database $pg_db" >/dev/null
serve "${pg_admin%/*}/$pg_db" 5192
echo "== cairn postgresql"
node --import tsx bench/ingest.ts http://127.0.0.1:5192 --seconds "$seconds"
node --import tsx bench/search.ts http://127.0.0.1:5192 --runs 1000 --max-results 1000 2>/dev/null

if [ -n "${REFERENCE_URL:-}" ]; then
  echo "== reference $REFERENCE_URL"
  node --import tsx bench/ingest.ts "$REFERENCE_URL" --seconds "$seconds"
  node --import tsx bench/search.ts "$REFERENCE_URL" --runs 1000 --max-results 1000 --repeat 10 2>/dev/null
fi
