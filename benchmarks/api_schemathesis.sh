#!/usr/bin/env bash
# Issue 15 point 16: what schemathesis finds against the API — undocumented status codes and 5xx.
# Usage: benchmarks/api_schemathesis.sh [TREE] [PORT]   (TREE: a checkout, default this one; needs a migrated
# database with `load_demo` in DATABASE_URL; REDIS_URL as usual). Starts the development server with DEBUG off,
# runs `st run` with the demo official's token, prints the summary, stops the server. schemathesis is a benchmark
# tool here (`pip install schemathesis` into the venv), not a requirement: no test imports it.
set -euo pipefail
TREE=${1:-$(cd "$(dirname "$0")/.." && pwd)}
PORT=${2:-8761}
OUT=${OUT:-/tmp/schemathesis-$PORT}
PY=$TREE/.venv/bin/python
mkdir -p "$OUT"
cd "$TREE"
TOKEN=$($PY manage.py shell -c "
from rest_framework.authtoken.models import Token; from accounts.models import User
print(Token.objects.get_or_create(user=User.objects.get(username='official'))[0].key)" 2>/dev/null | tail -1)
DJANGO_DEBUG=0 $PY manage.py runserver --noreload --insecure "127.0.0.1:$PORT" >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 4
"$TREE/.venv/bin/st" run "http://127.0.0.1:$PORT/api/schema/?format=json" \
  -H "Authorization: Token $TOKEN" -H "Accept-Language: vi" \
  --checks status_code_conformance,not_a_server_error \
  --max-examples "${MAX_EXAMPLES:-30}" --seed 15 --workers 1 --continue-on-failure \
  --report ndjson --report-ndjson-path "$OUT/events.ndjson" >"$OUT/st.txt" 2>&1 || true
python3 - "$OUT/st.txt" "$OUT/server.log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
undocumented = set()
op = None
for line in text.splitlines():
    m = re.match(r"_+ (GET|POST|PUT|PATCH|DELETE) (\S+) _+", line)
    if m:
        op = f"{m.group(1)} {m.group(2)}"
    m = re.search(r"Received: (\d{3})", line)
    if m and op:
        undocumented.add((op, m.group(1)))
server = open(sys.argv[2]).read()
fivexx = len(re.findall(r'" 5\d\d ', server))
print(f"undocumented status codes: {len(undocumented)} across {len({o for o, _ in undocumented})} operations")
for o, c in sorted(undocumented):
    print(f"  {c} {o}")
print(f"5xx answers in the server log: {fivexx}")
PY
tail -8 "$OUT/st.txt"
