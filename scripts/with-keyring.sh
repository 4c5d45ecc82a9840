#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session with gnome-keyring,
# unlocked with a throwaway password, keeping its files in a throwaway data folder.
# Usage: scripts/with-keyring.sh COMMAND... (S2S_KEYCHAIN_TESTS=1 is set for it)
set -euo pipefail
export S2S_KEYRING_HOME="$(mktemp -d)"
trap 'rm -rf "$S2S_KEYRING_HOME"' EXIT
exec dbus-run-session -- bash -c '
  set -euo pipefail
  export XDG_DATA_HOME="$S2S_KEYRING_HOME/data" XDG_CONFIG_HOME="$S2S_KEYRING_HOME/config"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
  # --unlock reads the new login keyring password from stdin; it then serves org.freedesktop.secrets.
  eval "$(printf "s2s-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL S2S_KEYCHAIN_TESTS=1
  "$@"
' bash "$@"
