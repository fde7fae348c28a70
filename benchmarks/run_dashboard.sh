#!/usr/bin/env bash
# Issue #4: the dashboard under concurrent load on the national data set, beside a trivial view as the ceiling.
#
# gunicorn (5 sync workers, DJANGO_DEBUG=0, CONN_MAX_AGE=60) on the PostgreSQL database DASH_DB (default pc_dataset,
# filled by `generate_dataset --size national` and recomputed; see docs/performance.md), loaded on loopback by wrk:
# /healthz (the ceiling), then the dashboard of a large province's head, of a department's head, and of MANY (default
# 300; 0: not) heads of departments, each request another head opening their own department's dashboard, at every
# level of LEVELS concurrent connections for DURATION, in ROUNDS rounds (the ceiling runs again before each level of
# each round). Each connection rotates through its own logged-in sessions. The MANY heads' pages are loaded once
# first, from nothing cached ("first sight"). These runs saturate the server by construction (every connection asks
# again as soon as it is answered). Then HEADS (300) people read their dashboards at once, each for THINK seconds on
# average between pages (benchmarks/heads_locustfile.py): what "300 concurrent heads" means, see docs/performance.md.
#
#   benchmarks/run_dashboard.sh
#   LEVELS="10 30" DURATION=30s ROUNDS=3 MANY=300 YEAR=2024 PROVINCE=GEN-P30 DEPARTMENT=GEN-P30-VPUBND WRITES=0 \
#     HEADS=300 THINK="20 10 5" HEADS_DURATION=90s benchmarks/run_dashboard.sh
#
# Results: var/bench/dashboard-<stamp>/ (wrk output, query timings of one request, machine load) and a Markdown
# table on stdout. Only the heads' users, memberships and sessions are written to the database. Everything started
# here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

DASH_DB=${DASH_DB:-pc_dataset}
LEVELS=${LEVELS:-"10 30"}
DURATION=${DURATION:-30s}
ROUNDS=${ROUNDS:-3}
YEAR=${YEAR:-2024}
WORKERS=${WORKERS:-5}
PORT=${PORT:-8766}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
BIN=.venv/bin
OUT=var/bench/dashboard-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

export DATABASE_URL="$PG/$DASH_DB" DJANGO_DEBUG=0 CONN_MAX_AGE=${CONN_MAX_AGE:-60}
export DJANGO_ALLOWED_HOSTS=127.0.0.1 PYTHONWARNINGS="ignore::UserWarning"
# As in production: Redis is the cache the workers share (the dashboard's body and data version, and the sessions:
# cached_db). BENCH_REDIS_URL= (empty) runs with each worker's local memory instead (database sessions). Use a
# database index no one else uses: the content and session keys written there expire by themselves.
BENCH_REDIS_URL=${BENCH_REDIS_URL-redis://127.0.0.1:6379/5}
if [ -n "$BENCH_REDIS_URL" ]; then
  export REDIS_URL=$BENCH_REDIS_URL CELERY_TASK_ALWAYS_EAGER=1  # a page view queues nothing; any job would run here
else
  unset REDIS_URL
fi

command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }
if [ -n "${REDIS_URL:-}" ]; then
  "$BIN/python" -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).ping()" "$REDIS_URL" \
    || { echo "Redis not reachable at $REDIS_URL (BENCH_REDIS_URL= to run without it)" >&2; exit 1; }
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

if "$BIN/python" manage.py showmigrations 2>/dev/null | grep -q "\[ \]"; then
  "$BIN/python" manage.py migrate --noinput -v 0
fi
MANY=${MANY:-300}
args=(--sessions 30 --many "$MANY" --year "$YEAR")
[ -n "${PROVINCE:-}" ] && args+=(--province "$PROVINCE")
[ -n "${DEPARTMENT:-}" ] && args+=(--department "$DEPARTMENT")
"$BIN/python" benchmarks/prepare_dashboard_users.py "$OUT" "${args[@]}" | tee "$OUT/users.txt"
mapfile -t CODES <"$OUT/dashboards.txt"
{  # the machine and the state of the snapshot tables the dashboard reads (dead rows slow their scans down)
  echo "$(nproc) CPUs, $(free -m | awk '/^Mem/ {print $2}') MiB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cache: ${REDIS_URL:-local memory per worker}; sessions: $(DJANGO_SETTINGS_MODULE=policycomms.settings "$BIN/python" -c \
    'import django; django.setup(); from django.conf import settings; print(settings.SESSION_ENGINE)' 2>/dev/null)"
  psql "$DATABASE_URL" -Atc "SELECT 'autovacuum: ' || current_setting('autovacuum')"
  psql "$DATABASE_URL" -Atc "SELECT relname || ': ' || n_live_tup || ' live, ' || n_dead_tup || ' dead rows'
    FROM pg_stat_user_tables WHERE relname LIKE 'coverage\_%snapshot' ORDER BY relname"
} | tee "$OUT/machine.txt"

"$BIN/gunicorn" policycomms.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --access-logfile /dev/null \
  --error-logfile "$OUT/gunicorn.log" &
pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

url_of() { echo "http://127.0.0.1:$PORT/dashboards/$1/?year=$YEAR"; }
for code in "${CODES[@]}"; do
  # A real dashboard, not a login redirect, and every worker warmed up (imports, templates, connection).
  read -r session csrf <"$OUT/$code.sessions"
  cookies="sessionid=$session; csrftoken=$csrf"
  status=$(curl -s -o "$OUT/$code.html" -w "%{http_code}" -b "$cookies" "$(url_of "$code")")
  [ "$status" = 200 ] || { echo "$(url_of "$code") answered $status" >&2; exit 1; }
  for _ in $(seq $((WORKERS * 2))); do curl -s -o /dev/null -b "$cookies" "$(url_of "$code")"; done
done

# Where one request's time goes, measured in-process before the load: each SQL query's duration and a cProfile.
for code in "${CODES[@]}"; do
  "$BIN/python" benchmarks/profile_dashboard.py "$code" --year "$YEAR" >"$OUT/profile_$code.txt" 2>&1
  head -n1 "$OUT/profile_$code.txt"
done

# WRITES (per second, default 0: none): officials saving activities elsewhere in the country during every run
# (benchmarks/write_activities.py; each save moves the data version on, as a real one does).
WRITES=${WRITES:-0}
if [ "$WRITES" != 0 ]; then
  "$BIN/python" benchmarks/write_activities.py --per-second "$WRITES" >"$OUT/writes.txt" 2>&1 &
  pids+=($!)
  echo "writing $WRITES activities per second during the runs" | tee -a "$OUT/machine.txt"
fi

# CPU time the whole machine spent busy (user, nice, system, irq, softirq), in clock ticks: divided by the requests
# of a run it is the CPU one request costs, every process included (gunicorn, PostgreSQL, Redis, wrk), which unlike
# req/s does not move with how the scheduler shares 2 CPUs between them.
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

run() {  # round name connections url [sessions file]
  local round=$1 name=$2 c=$3 url=$4
  shift 4
  echo "== round $round, $name: wrk -t2 -c$c -d$DURATION $url" >&2
  local load_before busy_before
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  busy_before=$(busy_ticks)
  wrk -t2 -c"$c" -d"$DURATION" --timeout 10s --latency -s benchmarks/wrk_report.lua "$url" ${1:+-- "$1"} \
    >"$OUT/wrk_${name}_c${c}_r$round.txt"
  echo "$round $name $c $load_before $(cut -d' ' -f1 /proc/loadavg)" \
    "$(grep '^REPORT' "$OUT/wrk_${name}_c${c}_r$round.txt" | cut -d' ' -f2-)" \
    "busy_ms=$(( ($(busy_ticks) - busy_before) * 1000 / $(getconf CLK_TCK) ))"
}

# ROUNDS rounds; in each, every level runs the ceiling right before the dashboards, so each ratio compares runs a
# minute apart, not the first run of the script with the last (the machine drifts: other work, temperature).
{
  if [ "$MANY" -gt 0 ]; then
    # First sight: nothing of these pages is cached yet (each is rendered once, then kept by that process and, for
    # 5 minutes, in Redis for the others).
    run 0 many-first "$(echo $LEVELS | awk '{print $NF}')" "http://127.0.0.1:$PORT/" "$OUT/many.sessions"
  fi
  for round in $(seq "$ROUNDS"); do
    for c in $LEVELS; do
      run "$round" healthz "$c" "http://127.0.0.1:$PORT/healthz"
      # a trivial logged-in page (session, user, memberships, the navigation): what any page costs at the least
      run "$round" profile "$c" "http://127.0.0.1:$PORT/accounts/profile/" "$OUT/${CODES[0]}.sessions"
      for code in "${CODES[@]}"; do run "$round" "$code" "$c" "$(url_of "$code")" "$OUT/$code.sessions"; done
      # each request another head and their own department's page
      [ "$MANY" -gt 0 ] && run "$round" many "$c" "http://127.0.0.1:$PORT/" "$OUT/many.sessions"
    done
  done
} | tee "$OUT/results.txt"

# HEADS people at once (default 300; needs MANY), each reading their page for THINK seconds on average before the
# next (exponential, so together they ask at random moments): HEADS - 20 heads each on their own department's page,
# 10 on the province's and 10 on the department's (benchmarks/heads_locustfile.py: locust opens a connection only
# when a page is asked for, as behind a proxy, so a reader holds no worker), for HEADS_DURATION, once per mean time
# in THINK (default "20 10 5"; empty: not run). Unlike the runs above, the server is not saturated by construction:
# 300 people reading for 10 s ask for about 30 pages a second.
HEADS=${HEADS:-300}
THINK=${THINK-"20 10 5"}
HEADS_DURATION=${HEADS_DURATION:-90s}
heads() {  # mean think time in seconds
  local think=$1 load_before busy_before
  echo "== $HEADS heads reading $think s on average, $HEADS_DURATION" >&2
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  busy_before=$(busy_ticks)
  HEADS_DIR=$OUT HEADS=$HEADS THINK=$think YEAR=$YEAR "$BIN/locust" -f benchmarks/heads_locustfile.py --headless \
    -u "$HEADS" -r "$HEADS" -t "$HEADS_DURATION" --host "http://127.0.0.1:$PORT" --csv "$OUT/heads_t$think" \
    --only-summary --loglevel WARNING >"$OUT/heads_t$think.log" 2>&1 || true  # exits 1 when a request failed
  echo "$think $load_before $(cut -d' ' -f1 /proc/loadavg)" \
    "$(( ($(busy_ticks) - busy_before) * 1000 / $(getconf CLK_TCK) ))" "$OUT/heads_t${think}_stats.csv"
}
if [ "$MANY" -gt 0 ] && [ -n "$THINK" ]; then
  for think in $THINK; do heads "$think"; done | tee "$OUT/heads.txt"
fi

"$BIN/python" - "$OUT/results.txt" <<'PY' | tee "$OUT/summary.md"
import statistics
import sys

rows = []
for line in open(sys.argv[1]):
    round_, name, c, load_before, load_after, *fields = line.split()
    rows.append((int(round_), name, int(c), load_before, load_after, dict(f.split("=") for f in fields)))
ceiling = {(rnd, c): r for rnd, name, c, *_, r in rows if name == "healthz"}


def cpu(r):
    return int(r["busy_ms"]) / max(int(r["requests"]), 1)


def label(name):
    return {"healthz": "`/healthz`", "profile": "`/accounts/profile/` (trivial, logged in)", "many": "each head's own `/dashboards/<department>/`",
            "many-first": "each head's own, first sight"}.get(name, f"`/dashboards/{name}/`")


print("Every run (× ceiling: against the `/healthz` run of the same round and level, just before):\n")
print("| round | URL | connections | requests | req/s | × ceiling | CPU ms per request | × ceiling by CPU | p50 ms "
      "| p95 ms | p99 ms | max ms | errors | load 1 min before → after |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
ratios = {}
for rnd, name, c, before, after, r in rows:
    errors = int(r["non200"]) + int(r["socket_errors"]) + int(r["timeouts"])
    base = ceiling.get((rnd, c))
    ratio = float(r["rps"]) / float(base["rps"]) if base else float("nan")
    by_cpu = cpu(base) / cpu(r) if base else float("nan")
    if base and name != "healthz":
        ratios.setdefault((name, c), []).append((ratio, by_cpu, float(r["p95_ms"]), float(r["rps"])))
    print(f"| {rnd or 'first'} | {label(name)} | {c} | {int(r['requests']):,} | {float(r['rps']):.1f} | {ratio:.2f} "
          f"| {cpu(r):.2f} | {by_cpu:.2f} | {float(r['p50_ms']):.0f} | {float(r['p95_ms']):.0f} "
          f"| {float(r['p99_ms']):.0f} | {float(r['max_ms']):.0f} | {errors} | {before} → {after} |")
print("\nOver the rounds (median, and the lowest):\n")
print("| URL | connections | req/s | × ceiling | lowest × ceiling | × ceiling by CPU | p95 ms | highest p95 ms |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for (name, c), values in ratios.items():
    print(f"| {label(name)} | {c} | {statistics.median(v[3] for v in values):.1f} "
          f"| {statistics.median(v[0] for v in values):.2f} | {min(v[0] for v in values):.2f} "
          f"| {statistics.median(v[1] for v in values):.2f} | {statistics.median(v[2] for v in values):.0f} "
          f"| {max(v[2] for v in values):.0f} |")
PY

if [ -s "$OUT/heads.txt" ]; then
  "$BIN/python" - "$OUT/heads.txt" "$HEADS" <<'PY' | tee -a "$OUT/summary.md"
import csv
import sys

print(f"\n{sys.argv[2]} heads at once, each reading for the mean time before the next page (exponential; locust):\n")
print("| mean reading time | page | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms per request "
      "| load 1 min before → after |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for line in open(sys.argv[1]):
    think, before, after, busy_ms, stats = line.split()
    rows = list(csv.DictReader(open(stats)))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    for r in rows:
        cpu = int(busy_ms) / max(int(total["Request Count"]), 1)
        print(f"| {think} s | {r['Name']} | {int(r['Request Count']):,} | {float(r['Requests/s']):.1f} | {r['50%']} "
              f"| {r['95%']} | {r['99%']} | {float(r['Max Response Time']):.0f} | {r['Failure Count']} "
              f"| {cpu:.1f} | {before} → {after} |")
PY
fi
