#!/usr/bin/env bash
# Runs a command the way a desktop session would: a virtual X display (Xvfb), a private
# D-Bus session bus, and gnome-keyring answering as the Secret Service. Every XDG
# directory is fresh, so no earlier run or real login keyring interferes, and tests can
# search them afterwards.
#
#   KEYRING=unlocked (default)  the keyring is created and unlocked
#   KEYRING=locked              gnome-keyring runs, but its keyring stays locked
set -euo pipefail

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
export XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" XDG_CACHE_HOME="$root/cache" \
  XDG_STATE_HOME="$root/state"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
export KEYRING="${KEYRING:-unlocked}"

# The keyring password only unlocks this throwaway keyring.
exec xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bash -c '
  if [ "$KEYRING" = locked ]; then
    gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1
  else
    printf "throwaway-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  fi
  exec "$@"
' bash "$@"
