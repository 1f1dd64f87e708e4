-- wrk script: POST the file named by $BODY as JSON to the URL given on the command line.
-- No response callback: with one, wrk parses every answer in Lua, and on two shared cores
-- that took a quarter of a core from the server. wrk itself counts answers with a status
-- of 400 or more ("Non-2xx or 3xx responses"); bench/serve.sh fails when it reports any.
local file = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
