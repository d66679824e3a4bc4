-- `make loadtest`: a reader mix, one path after another from LOADTEST_PATHS (space-separated;
-- a path listed twice is requested twice as often) or from the file LOADTEST_PATHS_FILE (one
-- per line). Counts 4xx and 5xx answers and how the page cache answered (X-Cache: HIT,
-- STALE, MISS; through an edge cache, X-Edge: HIT, MISS) per thread and prints the totals as bench.* lines for the harness to read.
-- LOADTEST_TRACKING=1 adds a random campaign tag to every request, as shared links and
-- cache-busting bots do. LOADTEST_GZIP=1 asks for gzip, as every browser does.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16))
  paths = {}
  local file = os.getenv("LOADTEST_PATHS_FILE")
  if file then
    for line in io.lines(file) do
      if line ~= "" then table.insert(paths, line) end
    end
  else
    for path in string.gmatch(os.getenv("LOADTEST_PATHS") or "/", "%S+") do
      table.insert(paths, path)
    end
  end
  -- Each thread starts at its own place in the list.
  counter = math.random(0, #paths - 1)
  tracking = os.getenv("LOADTEST_TRACKING") == "1"
  if os.getenv("LOADTEST_GZIP") == "1" then
    wrk.headers["Accept-Encoding"] = "gzip"
  end
  server_errors = 0
  client_errors = 0
  cache_hit = 0
  cache_stale = 0
  cache_miss = 0
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
  -- Behind an edge cache (bench-election's edge phase), how the edge answered.
  local cached = headers["X-Edge"] or headers["x-edge"] or headers["X-Cache"] or headers["x-cache"]
  if cached == "HIT" then
    cache_hit = cache_hit + 1
  elseif cached == "STALE" then
    cache_stale = cache_stale + 1
  elseif cached == "MISS" then
    cache_miss = cache_miss + 1
  end
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status >= 400 then
    client_errors = client_errors + 1
  end
end

function done(summary, latency, requests)
  for _, name in ipairs({"server_errors", "client_errors", "cache_hit", "cache_stale", "cache_miss"}) do
    local total = 0
    for _, thread in ipairs(threads) do
      total = total + thread:get(name)
    end
    io.write(string.format("bench.%s=%d\n", name, total))
  end
end
