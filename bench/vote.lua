-- wrk script: each request is one vote from a new reader (no cookie) on
-- one of the demo's 63 articles, in turn.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
  counter = counter + 1
  local article = (counter % 63) + 1
  local stars = (counter % 5) + 1
  return wrk.format(nil, "/api/v1/articles/" .. article .. "/ratings", nil,
                    '{"stars": ' .. stars .. '}')
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("acknowledged_per_s %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("non_2xx %d\n", summary.errors.status))
end
