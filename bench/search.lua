-- wrk script: each request is the next of the search bench's 1,000 reader
-- queries (QUERIES names the file, one path per line), in turn.
local paths = {}
for line in io.lines(os.getenv("QUERIES")) do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter - 1) % #paths + 1])
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, %.0f/s\n", summary.requests, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx %d\n", summary.errors.status))
end
