#!/usr/bin/env bash
# .ci/services.sh — sourced by .ci/run: the real programs the tests drive
# that Go does not bring. Installs Debian's chromium when it is missing
# (CI runs as root on a fresh Debian machine) and exports what the tests
# read:
#   SALESGOAL_TEST_CHROMIUM   the browser the HTML report test drives
# In CI (CI=true) that test fails rather than skips without a browser.

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
