#!/usr/bin/env bash
# Load figures for docs/performance.md: gunicorn + a Celery worker on PostgreSQL and a private Redis, loaded on
# loopback by locust (officials saving activities through the API, heads reading dashboards, inspectors requesting
# exports) at 10, 30 and 100 concurrent users, plus wrk on /healthz as the ceiling of a trivial view.
#
#   benchmarks/run_load.sh                       # medium data set, 60 s per level
#   SIZE=small DURATION=30s LEVELS="10 30" benchmarks/run_load.sh
#
# The database (LOAD_DB, default pc_load) is created, migrated, filled with `generate_dataset --size $SIZE` and
# recomputed once; later runs reuse it (RESET=1 drops it first). Results: var/bench/<stamp>/ and a Markdown table
# on stdout. Everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-medium}
LOAD_DB=${LOAD_DB:-pc_load}
LEVELS=${LEVELS:-"10 30 100"}
DURATION=${DURATION:-60s}
WORKERS=${WORKERS:-5}
PORT=${PORT:-8765}
REDIS_PORT=${REDIS_PORT:-6392}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
BIN=.venv/bin
OUT=var/bench/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

export DATABASE_URL="$PG/$LOAD_DB" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" DJANGO_DEBUG=0
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost

pids=()
cleanup() {  # the web server and worker before Redis, so nothing in flight meets a closed broker
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

"$BIN/pip" install --quiet --disable-pip-version-check locust 2>&1 | grep -v "^WARNING: Location" || true
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }

if [ "${RESET:-0}" = 1 ]; then psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $LOAD_DB"; fi
if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$LOAD_DB'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $LOAD_DB"
  "$BIN/python" manage.py migrate --noinput -v 0
  /usr/bin/time -f "generate_dataset: %e s" "$BIN/python" manage.py generate_dataset --size "$SIZE" --seed 2022 \
    --today 2026-11-22 | tail -n 3
fi

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$OUT/redis.log" 2>&1 &
pids+=($!)
sleep 0.5
CELERY_TASK_ALWAYS_EAGER=0 /usr/bin/time -f "recompute_coverage: %e s" "$BIN/python" manage.py recompute_coverage \
  >/dev/null 2>"$OUT/recompute.log" || { cat "$OUT/recompute.log"; exit 1; }
"$BIN/python" benchmarks/prepare_users.py "$OUT/users.json" 100

"$BIN/celery" -A policycomms worker --concurrency=1 --loglevel=warning >"$OUT/worker.log" 2>&1 &
pids+=($!)
PYTHONWARNINGS="ignore::UserWarning" "$BIN/gunicorn" policycomms.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --access-logfile /dev/null \
  --error-logfile "$OUT/gunicorn.log" &
pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

echo "== ceiling: wrk /healthz (2 threads, 30 connections, 20 s)"
wrk -t2 -c30 -d20s --latency "http://127.0.0.1:$PORT/healthz" | tee "$OUT/wrk_healthz.txt"

for users in $LEVELS; do
  echo "== locust: $users users for $DURATION"
  LOAD_USERS="$OUT/users.json" "$BIN/locust" -f benchmarks/locustfile.py --headless --only-summary \
    -u "$users" -r "$(( users < 10 ? users : users / 5 ))" -t "$DURATION" --host "http://127.0.0.1:$PORT" \
    --csv "$OUT/u$users" --exit-code-on-error 0 >"$OUT/locust_u$users.log" 2>&1
done

"$BIN/python" benchmarks/summarize.py "$OUT" | tee "$OUT/summary.md"
