#!/usr/bin/env bash
# .ci/services.sh — sourced by .ci/run: the real parts the tests drive.
# Installs Debian's chromium and postgresql when they are missing, starts a
# throwaway PostgreSQL server for this run (its own data folder in a temp
# dir, owned by a non-root user, listening on a Unix socket only), and
# exports what the tests read:
#   SALESGOAL_TEST_CHROMIUM   the browser the HTML report test drives
#   SALESGOAL_TEST_POSTGRES   the URL of a role on that server that may
#                             create databases (each test makes its own)
# In CI (CI=true) those tests fail rather than skip without them. Stop the
# server with ci_services_stop (.ci/run traps EXIT).

ci_apt_install() {
	if [ "$(id -u)" != 0 ]; then
		echo "services: need root to apt-get install $*" >&2
		return 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ci_chromium() {
	local bin
	bin=$(command -v chromium || command -v chromium-browser || true)
	if [ -z "$bin" ]; then
		echo "== installing chromium"
		ci_apt_install chromium
		bin=$(command -v chromium)
	fi
	export SALESGOAL_TEST_CHROMIUM=$bin
	"$bin" --version
}

ci_postgres() {
	local bindir
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -z "$bindir" ]; then
		echo "== installing postgresql"
		ci_apt_install postgresql
		bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	fi
	CI_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/salesgoal-pg.XXXXXX")
	local run=()
	if [ "$(id -u)" = 0 ]; then
		# initdb refuses to run as root: the server runs as nobody.
		chown nobody "$CI_PG_DIR"
		run=(runuser -u nobody --)
	fi
	"${run[@]}" "$bindir/initdb" -D "$CI_PG_DIR/data" -U salesgoal --auth=trust -E UTF8 >"$CI_PG_DIR/initdb.log"
	"${run[@]}" "$bindir/pg_ctl" -D "$CI_PG_DIR/data" -l "$CI_PG_DIR/server.log" -w \
		-o "-c listen_addresses='' -c unix_socket_directories='$CI_PG_DIR' -c fsync=off" start >/dev/null
	CI_PG_CTL=("${run[@]}" "$bindir/pg_ctl" -D "$CI_PG_DIR/data")
	export SALESGOAL_TEST_POSTGRES="postgres://salesgoal@/postgres?host=$CI_PG_DIR&sslmode=disable"
	"$bindir/postgres" --version
}

ci_services_stop() {
	if [ -n "${CI_PG_DIR:-}" ]; then
		"${CI_PG_CTL[@]}" -m immediate stop >/dev/null 2>&1 || true
		rm -rf "$CI_PG_DIR"
	fi
}
