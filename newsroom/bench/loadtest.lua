-- `make loadtest`: a reader mix, one path after another from LOADTEST_PATHS (space-separated;
-- a path listed twice is requested twice as often). Counts 4xx and 5xx answers per thread
-- and prints the totals as bench.* lines for the harness to read.
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
  server_errors = 0
  client_errors = 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
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
