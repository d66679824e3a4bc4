-- `make loadtest`: a reader mix, one path after another from LOADTEST_PATHS (space-separated;
-- a path listed twice is requested twice as often). Counts 4xx and 5xx answers per thread
-- and prints the totals as bench.* lines for the harness to read. LOADTEST_TRACKING=1 adds
-- a random campaign tag to every request, as shared links and cache-busting bots do.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for path in string.gmatch(os.getenv("LOADTEST_PATHS") or "/", "%S+") do
    table.insert(paths, path)
  end
  counter = 0
  tracking = os.getenv("LOADTEST_TRACKING") == "1"
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16))
  server_errors = 0
  client_errors = 0
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if tracking then
    local separator = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. separator .. "utm_campaign=" .. math.random(1, 2147483647) .. "-" .. counter
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  end
end

function done(summary, latency, requests)
  local server_total, client_total = 0, 0
  for _, thread in ipairs(threads) do
    server_total = server_total + thread:get("server_errors")
    client_total = client_total + thread:get("client_errors")
  end
  io.write(string.format("bench.server_errors=%d\n", server_total))
  io.write(string.format("bench.client_errors=%d\n", client_total))
end
