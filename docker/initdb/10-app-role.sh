#!/bin/sh
# Runs once, when the PostgreSQL volume is first created: the application's own login role.
# It owns nothing; the app's migrations (run as the owner) grant it what it may do.
set -eu
psql -v ON_ERROR_STOP=1 -v app_password="$OFD_APP_DB_PASSWORD" \
  --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'EOSQL'
CREATE ROLE ofd_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
EOSQL
