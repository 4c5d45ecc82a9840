#!/usr/bin/env bash
# The install test: inspects the .deb that scripts/package.sh built (files, permissions,
# dependencies, desktop entry), installs it on this machine with apt, runs the *installed*
# app in a real window and the installed CLI against its simulator, then purges the package
# and checks that none of its files is left. Needs root (or sudo) to install.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
deb=$(ls target/release/bundle/deb/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || die "no .deb in target/release/bundle/deb: run scripts/package.sh first"
passed=0 failed=0
check() { # check DESCRIPTION COMMAND...: prints ok/FAIL and counts it
  if "${@:2}" >/dev/null 2>&1; then
    echo "ok    $1"
    passed=$((passed + 1))
  else
    echo "FAIL  $1"
    failed=$((failed + 1))
  fi
}

say "inspecting $deb"
info=$(dpkg-deb -I "$deb")
contents=$(dpkg-deb -c "$deb")
field() { dpkg-deb -f "$deb" "$1"; }
check "package name is s2s-desk" test "$(field Package)" = s2s-desk
check "version is the workspace's ($(field Version))" test "$(field Version)" = "$(cargo metadata --no-deps --format-version 1 | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages.find(p=>p.name==="s2s-desk").version))')"
check "depends on libwebkit2gtk-4.1-0" grep -q 'libwebkit2gtk-4.1-0' <<<"$(field Depends)"
check "depends on libgtk-3-0" grep -q 'libgtk-3-0' <<<"$(field Depends)"
check "depends on ca-certificates (TLS uses the system's roots)" grep -q "ca-certificates" <<<"$(field Depends)"
check "recommends a Secret Service provider" grep -q 'gnome-keyring' <<<"$(field Recommends)"
# dpkg-deb -c lines: MODE OWNER SIZE DATE TIME PATH (paths may hold spaces).
holds() { # holds MODE PATH: the package has PATH (relative to /), with MODE, owned by root
  local path_re=${2//./\\.}
  grep -qE "^${1//-/\\-} (root/root|0/0) +[0-9]+ [0-9-]+ [0-9:]+ (\./)?${path_re}\$" <<<"$contents"
}
for entry in \
  "-rwxr-xr-x usr/bin/s2s-desk" \
  "-rwxr-xr-x usr/bin/s2s" \
  "-rw-r--r-- usr/share/applications/app.s2sdesk.desktop.desktop" \
  "-rw-r--r-- usr/share/metainfo/app.s2sdesk.desktop.metainfo.xml" \
  "-rw-r--r-- usr/share/man/man1/s2s.1.gz" \
  "-rw-r--r-- usr/share/bash-completion/completions/s2s" \
  "-rw-r--r-- usr/share/zsh/vendor-completions/_s2s" \
  "-rw-r--r-- usr/share/fish/vendor_completions.d/s2s.fish" \
  "-rw-r--r-- usr/share/doc/s2s-desk/copyright" \
  "-rw-r--r-- usr/share/doc/s2s-desk/changelog.gz"; do
  check "holds /${entry#* } (${entry%% *}, root)" holds "${entry%% *}" "${entry#* }"
done
for size in 32x32 64x64 128x128 256x256 512x512; do
  check "holds the ${size} icon, named by the app id" holds -rw-r--r-- "usr/share/icons/hicolor/${size}/apps/app.s2sdesk.desktop.png"
done
check "nothing outside /usr" bash -c '! grep -vE " (\./)?usr(/.*)?$| \./$" <<<"$1"' _ "$contents"
check "its root is an ordinary folder (drwxr-xr-x), as / is" bash -c '! grep -E " \./$" <<<"$1" | grep -vq "^drwxr-xr-x root/root "' _ "$contents"
unpacked=$(mktemp -d)
dpkg-deb -x "$deb" "$unpacked"
desktop="$unpacked/usr/share/applications/app.s2sdesk.desktop.desktop"
metainfo="$unpacked/usr/share/metainfo/app.s2sdesk.desktop.metainfo.xml"
check "no desktop entry named after the product" test ! -e "$unpacked/usr/share/applications/S2S Desk.desktop"
check "the desktop entry passes desktop-file-validate" desktop-file-validate "$desktop"
check "the AppStream metadata passes appstreamcli validate" appstreamcli validate --no-net --pedantic "$metainfo"
check "the metadata launches the desktop entry by its id" grep -q '<launchable type="desktop-id">app.s2sdesk.desktop.desktop</launchable>' "$metainfo"
check "the metadata lists this release ($(field Version))" grep -q "<release version=\"$(field Version)\"" "$metainfo"
check "desktop entry: Name=S2S Desk" grep -qx 'Name=S2S Desk' "$desktop"
check "desktop entry: Exec=s2s-desk" grep -qx 'Exec=s2s-desk' "$desktop"
check "desktop entry: Icon=app.s2sdesk.desktop" grep -qx 'Icon=app.s2sdesk.desktop' "$desktop"
check "desktop entry: a comment" grep -qE '^Comment=.+' "$desktop"
check "desktop entry: Categories=Development" grep -qE '^Categories=Development;?$' "$desktop"
check "the man page renders" bash -c "zcat '$unpacked/usr/share/man/man1/s2s.1.gz' | grep -q '^.TH s2s 1'"
rm -rf "$unpacked"

rpm_file=$(ls target/release/bundle/rpm/*.rpm 2>/dev/null | head -1)
rpm_files=$(rpm -qpl "$rpm_file")
check "the .rpm names the desktop entry, icons and metadata by the app id" bash -c '
  grep -qx /usr/share/applications/app.s2sdesk.desktop.desktop <<<"$1" &&
  grep -qx /usr/share/icons/hicolor/256x256/apps/app.s2sdesk.desktop.png <<<"$1" &&
  grep -qx /usr/share/metainfo/app.s2sdesk.desktop.metainfo.xml <<<"$1" &&
  ! grep -q "S2S Desk.desktop" <<<"$1"' _ "$rpm_files"
check "the .rpm requires WebKitGTK 4.1 and GTK 3" bash -c '
  rpm -qp --requires "$1" | grep -q "libwebkit2gtk-4.1" && rpm -qp --requires "$1" | grep -q "libgtk-3"' _ "$rpm_file"

say "installing it"
as_root dpkg --purge s2s-desk >/dev/null 2>&1 || true
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "./$deb" >/dev/null
check "installed" dpkg-query -W s2s-desk
check "s2s --version is the release's ($(/usr/bin/s2s --version))" bash -c '[ "$(/usr/bin/s2s --version)" = "$("$1" --version)" ]' _ target/release/s2s

say "the installed CLI against its own simulator"
/usr/bin/s2s sim --port 0 --json >"$REPO_ROOT/target/install-sim.json" &
sim=$!
base=""
for _ in $(seq 50); do
  base=$(node -e 'try{console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).base_url)}catch{}' "$REPO_ROOT/target/install-sim.json")
  [ -n "$base" ] && break
  sleep 0.1
done
check "s2s sim started ($base)" test -n "$base"
check "s2s test-token passes against it" env ZOOM_ACCOUNT_ID=SbxDemoAccount00000001 ZOOM_CLIENT_ID=SbxReportingBot0000001 \
  ZOOM_CLIENT_SECRET=sandboxSecretReportingBot0000001 /usr/bin/s2s test-token --oauth-url "$base" --require-scope user:read:list_users:admin
kill "$sim" 2>/dev/null || true
wait "$sim" 2>/dev/null || true

say "the installed app in a real window"
ensure_tauri_driver
# node:test prints its own "# pass"/"# fail" tally for this part.
S2S_DESK_BINARY=/usr/bin/s2s-desk timeout 300 scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1180x760x24" \
  node --test --test-concurrency=1 tests/install/ || smoke_failed=1

say "removing it"
files=$(dpkg -L s2s-desk | while read -r f; do if [ -f "$f" ]; then echo "$f"; fi; done)
as_root env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq s2s-desk >/dev/null
check "purged" bash -c '! dpkg-query -W -f="\${Status}" s2s-desk 2>/dev/null | grep -q installed'
left=$(while read -r f; do if [ -n "$f" ] && [ -e "$f" ]; then echo "$f"; fi; done <<<"$files")
check "no file of the package left behind${left:+: $left}" test -z "$left"

# The checks' tally, in node:test's words, so the test command counts them.
echo "# pass $passed"
echo "# fail $failed"
[ "$failed" -eq 0 ] && [ -z "${smoke_failed:-}" ]
