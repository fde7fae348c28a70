-- wrk script for run_dashboard.sh: rotates session cookies (one per simulated user) and reports what wrk's own
-- summary lacks: p95, and every answer other than 200 as an error (a 302 to the login page is a failed dashboard).
--
--   wrk -t2 -c30 -d30s -s benchmarks/wrk_report.lua URL [-- SESSIONS_FILE]
--
-- SESSIONS_FILE: one session per line, "SESSION_KEY CSRF_COOKIE [PATH]" (the CSRF cookie is optional; PATH, when
-- given, replaces the URL's path and query for that session: each user their own page); without it requests carry
-- no cookie (the /healthz ceiling).

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  sessions = {}
  paths = {}
  if args[1] then
    for line in io.lines(args[1]) do
      local key, csrf, path = line:match("^(%S+)%s*(%S*)%s*(%S*)$")
      if key then
        local cookie = "sessionid=" .. key
        if csrf ~= "" then cookie = cookie .. "; csrftoken=" .. csrf end
        table.insert(sessions, cookie)
        table.insert(paths, path ~= "" and path or nil)
      end
    end
  end
  next_session = id + 1
  non200 = 0
end

function request()
  if #sessions == 0 then
    return wrk.format("GET")
  end
  local i = (next_session - 1) % #sessions + 1
  next_session = next_session + 1
  return wrk.format("GET", paths[i], { Cookie = sessions[i] })
end

function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non200") end
  local errors = summary.errors
  io.write(string.format(
    "REPORT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non200=%d " ..
    "socket_errors=%d timeouts=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad, errors.connect + errors.read + errors.write, errors.timeout))
end
