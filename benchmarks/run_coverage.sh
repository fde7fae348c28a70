#!/usr/bin/env bash
# Issue #3: the full recompute against the floor (the same rule as one hand-written SELECT) at three sizes.
#
# For each size, a database pc_cov_<size> is created once (generate_dataset, seed 2022, reference day 2026-11-22;
# the national one may be given as an existing database, NATIONAL_DB, default pc_dataset), vacuumed and analyzed
# (autovacuum is off on the development server), then `manage.py benchmark_coverage` runs on it.
#
#   benchmarks/run_coverage.sh                        # small, medium, national
#   SIZES="small medium" REPEAT=5 benchmarks/run_coverage.sh
#
# Output: each size's benchmark_coverage report, and var/bench/coverage-<stamp>/summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"small medium national"}
REPEAT=${REPEAT:-5}
NATIONAL_DB=${NATIONAL_DB:-pc_dataset}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
BIN=.venv/bin
OUT=var/bench/coverage-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
export DJANGO_DEBUG=0 PYTHONWARNINGS="ignore::UserWarning"
unset REDIS_URL

for size in $SIZES; do
  db=pc_cov_$size
  [ "$size" = national ] && db=$NATIONAL_DB
  export DATABASE_URL="$PG/$db"
  if ! psql "$PG/postgres" -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    psql "$PG/postgres" -qc "CREATE DATABASE $db"
    "$BIN/python" manage.py migrate --noinput -v 0
    "$BIN/python" manage.py generate_dataset --size "$size" --seed 2022 --today 2026-11-22 >"$OUT/generate_$size.txt"
  else
    "$BIN/python" manage.py migrate --noinput -v 0
  fi
  "$BIN/python" manage.py recompute_coverage >/dev/null
  psql "$DATABASE_URL" -qc "VACUUM ANALYZE"
  echo "== $size ($db), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
  "$BIN/python" manage.py benchmark_coverage --repeat "$REPEAT" | tee -a "$OUT/summary.txt"
done
echo "Results: $OUT/summary.txt"
