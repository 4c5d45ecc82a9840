#!/usr/bin/env bash
# Checks the Windows installer scripts/package-windows.sh built, as far as this machine can:
# its contents (msitools: files, Start menu shortcuts, the PATH entry, Apps & features data),
# then installs it under Wine (msiexec /qn, in the test command's Wine prefix), runs the
# installed s2s.exe (--version, and a token test against the simulator), checks the PATH entry,
# and uninstalls it (files, PATH entry gone). The app's window needs Microsoft Edge WebView2,
# which Wine cannot run: s2s-desk.exe is installed and checked as a Windows GUI program, not
# opened.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
msi="target/x86_64-pc-windows-gnu/release/bundle/msi/s2s-desk_${version}_x64.msi"
[ -f "$msi" ] || die "no installer at $msi: run scripts/package-windows.sh first"
# A Wine prefix of its own, fresh each run: nothing an earlier run installed is in the way.
export S2S_WINEPREFIX="$REPO_ROOT/target/wine/install-prefix"
S2S_WINEPREFIX="$S2S_WINEPREFIX" scripts/windows.sh stop
rm -rf "$S2S_WINEPREFIX"
scripts/windows.sh prepare
wine=scripts/windows/wine-run.sh
trap 'scripts/windows.sh stop' EXIT
failures=0
check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
table() { msiinfo export "$msi" "$1" | tr -d '\r'; }
has_row() { table "$1" | grep -qiE "$2"; }

echo "== the installer's contents ($msi)"
check "installs s2s-desk.exe and s2s.exe under Program Files\\S2S Desk" \
  bash -c "$(declare -f table has_row); msi='$msi'; has_row File '^AppExe\\s+App\\s+s2s-desk.exe' && has_row File '^CliExe\\s+Cli\\s+s2s.exe' && has_row Directory '^INSTALLDIR\\s+ProgramFiles64Folder\\s+S2S Desk'"
check "with the licence and the changelog" has_row File '^License\s+Docs\s+LICENSE.txt'
check "a Start menu folder with the app and its uninstaller" \
  bash -c "$(declare -f table has_row); msi='$msi'; has_row Shortcut '^AppShortcut\\s+StartMenuFolder\\s+S2S Desk\\s+StartMenu\\s+\\[INSTALLDIR\\]s2s-desk.exe' && has_row Shortcut '^UninstallShortcut\\s+StartMenuFolder.*msiexec.exe\\s+/x \\[ProductCode\\]' && has_row Directory '^StartMenuFolder\\s+ProgramMenuFolder\\s+S2S Desk'"
check "puts the CLI's folder on the system PATH, and takes it off on uninstall" \
  bash -c "$(declare -f table has_row); msi='$msi'; has_row Environment '^CliOnPath\\s+=-\\*PATH\\s+\\[~\\];\\[INSTALLDIR\\]\\s+Cli' && has_row InstallExecuteSequence '^WriteEnvironmentStrings' && has_row InstallExecuteSequence '^RemoveEnvironmentStrings'"
check "for every user, replacing an older version" \
  bash -c "$(declare -f table has_row); msi='$msi'; has_row Property '^ALLUSERS\\s+1' && has_row Upgrade '7b337bab-6f46-4439-a7f5-b053fe5d44e2' && has_row Property '^ProductVersion\\s+$version'"
extracted=$(mktemp -d)
check "msiextract unpacks the programs whole" bash -c "
  msiextract -C '$extracted' '$msi' >/dev/null &&
  cmp -s '$extracted/S2S Desk/s2s.exe' target/x86_64-pc-windows-gnu/release/s2s.exe &&
  cmp -s '$extracted/S2S Desk/s2s-desk.exe' target/x86_64-pc-windows-gnu/release/s2s-desk.exe"
rm -rf "$extracted"
check "s2s-desk.exe is a 64-bit Windows GUI program (no console window)" \
  bash -c "file target/x86_64-pc-windows-gnu/release/s2s-desk.exe | grep -q 'PE32+ executable (GUI) x86-64'"

echo "== installed under Wine"
installed="$S2S_WINEPREFIX/drive_c/Program Files/S2S Desk"
env_key='HKLM\System\CurrentControlSet\Control\Session Manager\Environment'
path_value() { "$wine" reg query "$env_key" /v PATH 2>/dev/null | tr -d '\r'; }
check "msiexec /i … /qn installs it" "$wine" msiexec /i "$msi" /qn
check "the files are in Program Files\\S2S Desk" test -f "$installed/s2s.exe" -a -f "$installed/s2s-desk.exe"
check "the system PATH names the install folder" bash -c "$(declare -f path_value); wine='$wine'; env_key='$env_key'; path_value | grep -qF 'C:\\Program Files\\S2S Desk\\'"
check "the installed s2s.exe --version answers" bash -c "'$wine' '$installed/s2s.exe' --version | grep -q '^s2s $version'"
sim_log=$(mktemp)
"$wine" "$installed/s2s.exe" sim --port 0 >"$sim_log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do grep -qE 'http://127\.0\.0\.1:[0-9]+' "$sim_log" && break; sleep 0.2; done
url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$sim_log" | head -n 1)
check "the installed s2s.exe tests a token against its simulator" bash -c "
  ZOOM_ACCOUNT_ID=SbxDemoAccount00000001 ZOOM_CLIENT_ID=SbxReportingBot0000001 \
  ZOOM_CLIENT_SECRET=sandboxSecretReportingBot0000001 \
  '$wine' '$installed/s2s.exe' test-token --oauth-url '$url' --json | grep -q '\"ok\":true'"
# The simulator must be gone before the uninstall, or its program file is in use.
kill "$sim_pid" 2>/dev/null || true
wait "$sim_pid" 2>/dev/null || true
rm -f "$sim_log"
check "msiexec /x … /qn uninstalls it" "$wine" msiexec /x "$msi" /qn
check "the files are gone" test ! -e "$installed/s2s.exe"
check "the PATH entry is gone" bash -c "$(declare -f path_value); wine='$wine'; env_key='$env_key'; ! path_value | grep -qF 'S2S Desk'"

echo
if [ $failures -eq 0 ]; then echo "windows installer: all checks passed"; else echo "windows installer: $failures check(s) failed"; fi
[ $failures -eq 0 ]
