#!/usr/bin/env bash
# Runs every ```sh example of docs/api.md after its first (the command
# line ones) against a real lede: each must succeed, in order, in one
# working folder. Usage: api_examples.sh LEDE_BINARY DOCS_FILE
set -euo pipefail
binary=$1
docs=$2
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" demo --data "$work/data" >/dev/null
"$binary" user add editor@example.org --name "An Editor" --role editor --data "$work/data" >/dev/null 2>&1
export TOKEN=$("$binary" token add --user editor@example.org --data "$work/data")
"$binary" serve --data "$work/data" --listen 127.0.0.1:0 --access-log off > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  port=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" | head -1 | cut -d: -f3 || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "${port:-}" ] || { echo "lede did not start"; cat "$work/serve.log"; exit 1; }
export LEDE="http://127.0.0.1:$port"

# The fenced sh blocks, one file each; the first shows lede's own commands.
awk -v dir="$work" '
  /^```sh$/ { n++; inside = 1; next }
  /^```$/ { inside = 0; next }
  inside { print > (dir "/example-" n ".sh") }
' "$docs"
count=0
passed=0
cd "$work"
for example in $(ls "$work"/example-*.sh | sort -t- -k2 -n); do
  [ "$(basename "$example")" = example-1.sh ] && continue
  count=$((count + 1))
  # No pipefail: "curl | grep -q" may close the pipe early, as a reader's shell would too.
  if bash -eu "$example"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $(basename "$example"):"
    cat "$example"
  fi
done
echo "$passed passed, $((count - passed)) failed"
[ "$count" -gt 5 ] && [ "$passed" = "$count" ]
