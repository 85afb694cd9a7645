-- The API submission load of `make bench`, run by wrk from scripts/bench.py as
--   wrk ... URL -- RUN TEMPLATE
-- TEMPLATE is the fixtures' CRNF A as JSON, with @@name@@ and @@born@@ where each child's
-- name and date of birth go; RUN is unique to this wrk run. A submission is linked as a
-- possible duplicate to the board's open notifications for a child of the same name and
-- date of birth (`notification_possible_duplicates`), so every request names a child no
-- other request of any run has named: made-up, and plainly so ("Loadtest Child ...").

-- 1 January 2010, UTC: the children are born over the next 5,000 days, as in the
-- generated data, all under 18 and born before the fixtures' incident date.
local BORN_FROM = 1262304000
local DAY = 86400

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local run, template
local sent = 0

function init(args)
  run, template = args[1], args[2]
  failed = 0 -- global, for done() to read with thread:get
end

function request()
  sent = sent + 1
  local values = {
    name = string.format("Loadtest Child %s %d-%d", run, id, sent),
    born = os.date("!%Y-%m-%d", BORN_FROM + ((sent * 37 + id) % 5000) * DAY),
  }
  -- With a table, gsub inserts each value as it is (no % escapes to worry about).
  local body = template:gsub("@@(%w+)@@", values)
  return wrk.format("POST", nil, nil, body)
end

-- A notification made answers 201; anything else is an error (wrk's own count of
-- errors.status has only the statuses above 399).
function response(status, headers, body)
  if status ~= 201 then
    failed = failed + 1
  end
end

-- Read by scripts/bench.py: one "bench NAME VALUE" line each, latency in milliseconds.
function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("failed")
  end
  local socket = summary.errors
  errors = errors + socket.connect + socket.read + socket.write + socket.timeout
  io.write(string.format("bench requests %d\n", summary.requests))
  io.write(string.format("bench seconds %.6f\n", summary.duration / 1e6))
  io.write(string.format("bench errors %d\n", errors))
  for _, p in ipairs({ 50, 95, 99 }) do
    io.write(string.format("bench p%d %.3f\n", p, latency:percentile(p) / 1000))
  end
end
