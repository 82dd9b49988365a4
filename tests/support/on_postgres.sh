#!/bin/sh
# Runs a test command (its arguments) with every site it serves on
# PostgreSQL: LEDE_TEST_STORE=postgres (support/test_store.h,
# browser/lede_server.mjs), on the server ./dev test all starts. Without that
# server (ctest by hand) it skips, as ctest's SKIP_RETURN_CODE 77.
if [ -z "$LEDE_TEST_POSTGRES" ]; then
  echo "LEDE_TEST_POSTGRES is unset: ./dev test all starts a PostgreSQL server"
  exit 77
fi
LEDE_TEST_STORE=postgres exec "$@"
