-- wrk script: POST one `blocked-drain` request per call, each from a citizen of its own.
--
-- Environment: BENCH_RATE (requests per second over all threads; 0 = as fast as the connections
-- go), BENCH_THREADS (wrk's -t, to share the rate), BENCH_OUT (directory for one log per thread).
--
-- Each body carries the moment it was meant to be sent (microseconds since the epoch) in its
-- description and its citizen's email, so every later observation of the request (its work item
-- on the agency topic, its email at the SMTP sink) tells its own latency. At a fixed rate a
-- thread hands out send slots `period` apart; a request sent late (every connection busy) still
-- counts from its slot, as wrk2 does, so a stall is not hidden (no coordinated omission).
-- Each response is logged as "<received µs>\t<status>\t<request id>".

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")

local function now_us()
  ffi.C.clock_gettime(0, clock) -- CLOCK_REALTIME: comparable with Kafka's and the sink's times
  return tonumber(clock.tv_sec) * 1000000 + math.floor(tonumber(clock.tv_nsec) / 1000)
end

local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
local out_dir = os.getenv("BENCH_OUT") or "."

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

local log, sent, slots, next_slot, period

function init(args)
  log = io.open(string.format("%s/responses-%d.tsv", out_dir, thread_id), "w")
  log:setvbuf("line") -- wrk never closes a thread's state: every line must reach the file
  sent = 0
  slots = {}
  next_slot = now_us()
  if rate > 0 then
    period = 1000000 * threads / rate
  end
end

if rate > 0 then
  function delay()
    local slot = next_slot
    next_slot = next_slot + period
    slots[#slots + 1] = slot
    local wait_ms = (slot - now_us()) / 1000
    if wait_ms < 1 then
      return 0
    end
    return math.floor(wait_ms)
  end
end

local BODY = '{"service_code":"blocked-drain","description":"Saluran tersumbat, bench %d t%d n%d",'
  .. '"lat":-6.1951,"long":106.8345,'
  .. '"citizen":{"name":"Bench %d-%d","email":"bench-%d-%d-%d@example.id"}}'

function request()
  sent = sent + 1
  local stamp = table.remove(slots, 1) or now_us()
  local body = string.format(BODY, stamp, thread_id, sent, thread_id, sent, stamp, thread_id, sent)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  local id = string.match(body, '"id"%s*:%s*"([^"]+)"') or "-"
  log:write(string.format("%d\t%d\t%s\n", now_us(), status, id))
end

function done(summary, latency, requests)
  local f = io.open(out_dir .. "/summary.json", "w")
  local e = summary.errors
  f:write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,'
      .. '"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p95":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, latency.mean))
  f:close()
end
