#!/usr/bin/env bash
# Runs a command the way a desktop session would: a virtual X display (Xvfb), a private
# D-Bus session bus, and an unlocked gnome-keyring answering as the Secret Service. The
# keyring lives in a fresh XDG_DATA_HOME, so no earlier run or real login keyring interferes.
set -euo pipefail

data_home=$(mktemp -d)
trap 'rm -rf "$data_home"' EXIT
export XDG_DATA_HOME="$data_home"

# The keyring password only unlocks this throwaway keyring.
exec xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bash -c '
  printf "throwaway-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' bash "$@"
