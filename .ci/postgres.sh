# shellcheck shell=bash
# Sourced by .ci/run: installs PostgreSQL (Debian package) when missing,
# starts a throwaway cluster on loopback in a temp dir, and exports
# NEWSGRAPH_TEST_PG so the postgres store, worker and API tests run against
# a real server instead of skipping. Idempotent: a cluster already running
# in $NEWSGRAPH_PG_DIR is reused.
if [ -z "${NEWSGRAPH_TEST_PG:-}" ]; then
	if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
	fi
	pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
	pgdir=${NEWSGRAPH_PG_DIR:-/tmp/newsgraph-pg}
	pgport=${NEWSGRAPH_PG_PORT:-55432}
	as_pg() {
		if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
	}
	if [ ! -f "$pgdir/data/PG_VERSION" ]; then
		mkdir -p "$pgdir"
		if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pgdir"; fi
		as_pg "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 >/dev/null
	fi
	if ! as_pg "$pgbin/pg_ctl" -D "$pgdir/data" status >/dev/null 2>&1; then
		# Loopback only, socket in the temp dir: nothing is exposed and the
		# system cluster (if any) is left alone. fsync off: test data only.
		as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
			-o "-h 127.0.0.1 -p $pgport -k $pgdir -c fsync=off -c max_connections=200" start >/dev/null
	fi
	pgexists=$(as_pg "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname='newsgraph_test'")
	if [ "$pgexists" != 1 ]; then
		as_pg "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres newsgraph_test
	fi
	export NEWSGRAPH_TEST_PG="postgres://postgres@127.0.0.1:$pgport/newsgraph_test?sslmode=disable"
	unset pgbin pgdir pgport pgexists
fi
