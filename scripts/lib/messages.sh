# Sourced by the project's scripts: progress lines and fatal errors, named after the script (SCRIPT_NAME).
#
# say TEXT       "[SCRIPT_NAME] TEXT" on standard error
# die TEXT [N]   "SCRIPT_NAME: TEXT" on standard error, then exit N (default 3: the environment)

say() { printf '[%s] %s\n' "$SCRIPT_NAME" "$*" >&2; }
die() {
	printf '%s: %s\n' "$SCRIPT_NAME" "$1" >&2
	exit "${2:-3}"
}
