#!/usr/bin/env bash
# The unit and API suites (`npm test`) against an external PostgreSQL instead of the embedded one:
# recreates the database for a clean slate, then runs vitest with DATABASE_URL set.
#   npm run test:db                      # postgres://postgres@127.0.0.1:5432/test (this machine's)
#   TEST_DB_URL=postgres://u:p@h:5432/db npm run test:db -- --reporter=verbose
# Extra arguments go to vitest. Exit code 2: the server is not reachable.
set -uo pipefail
cd "$(dirname "$0")/.."

URL="${TEST_DB_URL:-postgres://postgres@127.0.0.1:5432/test}"
DB="${URL##*/}"
DB="${DB%%\?*}"
ADMIN_URL="${URL%/*}/postgres"
export PGCONNECT_TIMEOUT=5

if ! command -v psql >/dev/null 2>&1; then
  echo "test:db: psql is not installed (apt-get install postgresql-client): cannot prepare $URL" >&2
  exit 2
fi
if ! timeout 15 psql "$ADMIN_URL" -qAtc 'select 1' >/dev/null 2>&1; then
  echo "test:db: PostgreSQL is not reachable at ${ADMIN_URL%/*} — start it (pg_ctlcluster <version> main start) or set TEST_DB_URL" >&2
  exit 2
fi
if ! timeout 60 psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -q \
  -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" \
  -c "CREATE DATABASE \"$DB\""; then
  echo "test:db: could not recreate database $DB" >&2
  exit 2
fi
echo "test:db: fresh database $DB at ${URL%/*}"
DATABASE_URL="$URL" exec npx vitest run "$@"
