#!/usr/bin/env bash
# Runs a command with its own D-Bus session and an unlocked gnome-keyring (the Secret Service
# that QtKeychain talks to on Linux), in a throwaway HOME so no real keyring is touched.
set -euo pipefail
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# not exec'd: this shell stays to remove the throwaway HOME when the command ends (or fails)
status=0
dbus-run-session -- bash -c '
    eval "$(printf "\n" | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
    exec "$@"' with-keyring "$@" || status=$?
exit "$status"
