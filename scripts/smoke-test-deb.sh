#!/usr/bin/env bash
# Installs the newest .deb in DIR into this machine with apt-get, as a user would, and checks
# what it declares and installs: the dependencies, the binary, the desktop entry and the icons.
# Starting the installed binary in a window is the e2e test `installed` (see the Makefile).
set -euo pipefail

dir=${1:?usage: smoke-test-deb.sh DIR-WITH-THE-DEB}
deb=$(ls -t "$dir"/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "error: no .deb in $dir: run make package" >&2; exit 1; }
deb=$(realpath "$deb")
sudo=$([ "$(id -u)" = 0 ] || echo sudo)

fail() { echo "error: $deb: $*" >&2; exit 1; }

echo "$deb: $(du -k "$deb" | cut -f1) KiB"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for library in libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -q "$library" <<<"$depends" || fail "does not depend on $library"
done

contents=$(dpkg-deb --contents "$deb")
for path in usr/bin/infisical-bootstrap-wizard \
  "usr/share/applications/Infisical Bootstrap Wizard.desktop" \
  usr/share/icons/hicolor/{32x32,64x64,128x128,512x512}/apps/infisical-bootstrap-wizard.png; do
  grep -qF " $path" <<<"$contents" || fail "does not hold $path"
done

$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 \
  --reinstall "$deb" >/dev/null
entry="/usr/share/applications/Infisical Bootstrap Wizard.desktop"
desktop-file-validate "$entry"
grep -q '^Exec=infisical-bootstrap-wizard' "$entry" || fail "the desktop entry does not start the app"
grep -q '^Icon=infisical-bootstrap-wizard' "$entry" || fail "the desktop entry has no icon"
grep -q '^Categories=Development;' "$entry" || fail "the desktop entry has no menu category"
command -v infisical-bootstrap-wizard >/dev/null || fail "the binary is not on PATH"
echo "installed $(dpkg-query -W -f='${Package} ${Version}' infisical-bootstrap-wizard)"
