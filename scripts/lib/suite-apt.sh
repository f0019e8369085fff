# Sourced by the scripts that download a Debian suite's packages without touching the host's apt state.
#
# The caller sets SUITE and APT_DIR (a folder of its cache) and defines say and die. The mirror is
# the one this host's apt sources name (debian-mirror.sh); lists and downloaded packages are kept
# under APT_DIR, never in /etc/apt or /var/lib/apt.

# shellcheck source=debian-mirror.sh
. "$(dirname "${BASH_SOURCE[0]}")/debian-mirror.sh"

# apt-get/apt-cache on a sources list of SUITE only, with state of their own under APT_DIR.
apt_in_cache() {
	local tool=$1
	shift
	"$tool" -o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache="$APT_DIR/cache" \
		-o Dir::State::status=/dev/null -o APT::Sandbox::User=root "$@"
}

update_package_lists() {
	local mirror
	mirror=$(debian_mirror "$SUITE")
	[ -n "$mirror" ] || die "this host's apt sources name no Debian mirror to take $SUITE from"
	mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $SUITE main" >"$APT_DIR/sources.list"
	say "package lists of $SUITE from $mirror"
	apt_in_cache apt-get update -qq >&2 || die "apt-get update of $SUITE from $mirror failed"
}

# The packages a package depends on, one per line, alternatives and versions removed.
depends_of() {
	apt_in_cache apt-cache show --no-all-versions "$1" 2>/dev/null |
		awk -F': ' '/^Depends:/ { print $2; exit }' | tr ',' '\n' | sed 's/|.*//; s/(.*//; s/[[:space:]]//g' | grep -v '^$' || true
}

# The version of a package that apt would take from SUITE; nothing when SUITE has none.
candidate_version() {
	apt_in_cache apt-cache show --no-all-versions "$1" 2>/dev/null | awk -F': ' '/^Version:/ { print $2; exit }'
}
