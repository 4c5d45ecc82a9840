#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session with gnome-keyring,
# unlocked with a throwaway password, keeping its files in a throwaway data folder that is
# removed when the command ends (however it ends), with the daemon.
# Usage: scripts/with-keyring.sh COMMAND...; exits with the command's status.
set -euo pipefail
S2S_KEYRING_HOME="$(mktemp -d)"
export S2S_KEYRING_HOME
# Not `exec`: this shell must outlive the session to remove the keyring (a trap set before
# `exec` never runs).
trap 'rm -rf "$S2S_KEYRING_HOME"' EXIT
status=0
# In the background (stdin kept) so a signal to this script is handled at once: the session
# and everything under it are stopped, then the EXIT trap cleans up.
stop_session() {
  local pid
  for pid in $(pgrep -P "$1" || true); do stop_session "$pid"; done
  kill -TERM "$1" 2>/dev/null || true
}
trap 'stop_session $session; wait $session; exit 130' INT
trap 'stop_session $session; wait $session; exit 143' TERM
dbus-run-session -- bash -c '
  set -euo pipefail
  # Everything the daemon writes (the keyring, its control socket) stays in the throwaway folder.
  export XDG_DATA_HOME="$S2S_KEYRING_HOME/data" XDG_CONFIG_HOME="$S2S_KEYRING_HOME/config" \
    XDG_RUNTIME_DIR="$S2S_KEYRING_HOME/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
  mkdir -m 700 "$XDG_RUNTIME_DIR"
  # --unlock reads the new login keyring password from stdin; it then serves org.freedesktop.secrets.
  eval "$(printf "s2s-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  "$@"
' bash "$@" <&0 &
session=$!
wait $session || status=$?
# The daemon leaves with its bus; give it a moment, then make sure, before its folder goes.
this_sessions_daemons() {
  local pid
  for pid in $(pgrep -x gnome-keyring-d || true); do
    { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qxF "S2S_KEYRING_HOME=$S2S_KEYRING_HOME" && echo "$pid"
  done
  return 0
}
for _ in 1 2 3 4 5 6 7 8 9 10; do
  daemons=$(this_sessions_daemons)
  [ -z "$daemons" ] && break
  kill $daemons 2>/dev/null || true
  sleep 0.1
done
exit $status
