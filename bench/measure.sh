# Sourced by bench scripts; needs $work (a temp folder).
# Runs "$@" with standard output to $OUT, sampling its memory every 50 ms;
# prints "SECONDS RSS_MIB ANON_MIB" (peaks). RSS counts the database pages
# SQLite maps from the file (the kernel's page cache, shared and given back
# under pressure); anonymous memory is what the process itself holds.
measure() {
  local start end pid rss=0 anon=0 r a
  start=$(date +%s.%N)
  "$@" >"$OUT" 2>"$work/stderr" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    read -r r a < <(awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } END { print r + 0, a + 0 }' \
                      "/proc/$pid/status" 2>/dev/null || echo "0 0")
    [ "$r" -gt "$rss" ] && rss=$r
    [ "$a" -gt "$anon" ] && anon=$a
    sleep 0.05
  done
  wait "$pid" || { cat "$work/stderr" >&2; return 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v r="$rss" -v a="$anon" 'BEGIN { printf "%.1f %d %d\n", e - s, r / 1024, a / 1024 }'
}
