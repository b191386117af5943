#!/usr/bin/env bash
# Fails if the headless command links a GUI library: it must run in a bare container and on a
# machine with no display. The same check runs as a Rust test; this one reads the binary that
# `make build` produced.
set -euo pipefail

binary=${1:?usage: check-headless-linkage.sh PATH-TO-infisical-bootstrap}
libraries=$(ldd "$binary")
if grep -Ei 'lib(gtk|gdk|webkit|javascriptcore|soup|x11)' <<<"$libraries"; then
  echo "error: $binary links the GUI libraries above" >&2
  exit 1
fi
echo "$binary links no GUI library"
