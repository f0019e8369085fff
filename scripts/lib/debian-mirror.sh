# Sourced by the scripts that download from Debian: the mirror this host's apt sources name.
#
# debian_mirror SUITE prints the URI of the host's apt entry whose Suites name SUITE (deb822
# *.sources first, then one-line *.list entries), or of its bookworm entry when none does (the
# same archive serves every suite of the main archive: sid, trixie), or nothing. Never a host
# written into the project.

debian_mirror_entry() {
	local suite=$1 mirror
	mirror=$(awk -v suite="$suite" '
		/^[[:space:]]*$/ { if (named && uri) { print uri; exit } named = 0; uri = ""; next }
		/^URIs:/ { uri = $2 }
		/^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) named = 1 }
		END { if (named && uri) print uri }
	' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
	[ -n "$mirror" ] || mirror=$(awk -v suite="$suite" '$1 == "deb" {
		for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { if ($(i + 1) == suite) { print $i; exit } break }
	}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -1)
	echo "$mirror"
}

debian_mirror() {
	local mirror
	mirror=$(debian_mirror_entry "$1")
	[ -n "$mirror" ] || mirror=$(debian_mirror_entry bookworm)
	echo "$mirror"
}
