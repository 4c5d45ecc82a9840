# Shared by run-app.sh, test-all.sh and bench.sh: installs what a fresh Debian 12 machine lacks.
# Source it; every function is idempotent and quiet when nothing is missing.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"

# Debian packages to build the Tauri app (WebKitGTK 4.1 and friends).
BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config curl)
# ...to pack it: rpmbuild and rpm2cpio (the bundler's .rpm is repacked: see repack_rpm).
PACKAGING_PACKAGES=(rpm cpio)
# ...and to test it: a virtual display, the WebKit WebDriver, a D-Bus session with a keyring,
# Debian's Chromium for the front-end flow, ImageMagick's `import` for window captures.
# Flask runs the Python reference webhook receiver (tests/receivers).
# The scan benchmark compares with ripgrep, measured in the same run; the start-up benchmark
# watches the screen with xwd and xwininfo.
BENCH_PACKAGES=(ripgrep x11-apps x11-utils)
# python3-venv holds the clients step's tools (schemathesis, zoomus: tests/clients).
TEST_PACKAGES=(git appstream desktop-file-utils xvfb xauth webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-tools chromium imagemagick
  python3-flask python3-venv)

# ...and for the Windows lane: the mingw-w64 cross compiler, Wine, and msitools' wixl/msiinfo
# for the installer.
WINDOWS_PACKAGES=(gcc-mingw-w64-x86-64 wine64 msitools wixl)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the given Debian packages that are not installed yet.
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} with your package manager"
  say "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Rust and Node.js come with the machine (Rust via rustup; Node.js 20.19+). Say so clearly if not.
ensure_toolchains() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs), then re-run"
  if ! command -v node >/dev/null; then
    ensure_debian_packages nodejs npm
  fi
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    die "Node.js $(node --version) is too old: the UI toolchain (Vite 8) needs Node.js 20.19 or newer"
}

# The UI's npm dependencies, exactly as locked.
ensure_ui_dependencies() {
  if [ ! -d "$REPO_ROOT/ui/node_modules" ] || [ "$REPO_ROOT/ui/package-lock.json" -nt "$REPO_ROOT/ui/node_modules/.package-lock.json" ]; then
    say "installing UI dependencies (npm ci)"
    npm ci --prefix "$REPO_ROOT/ui" --no-audit --no-fund --loglevel=error
  fi
}

# The clients step's tools, as pinned: schemathesis, zoomus and pytest into .tools/py (a venv,
# rebuilt when requirements.txt changes), Rivet into tests/clients/node_modules (npm ci).
ensure_client_tools() {
  local requirements="$REPO_ROOT/tests/clients/requirements.txt" venv="$TOOLS_DIR/py"
  if [ ! -x "$venv/bin/python" ] || [ "$requirements" -nt "$venv/.installed" ]; then
    say "installing the clients step's Python tools into .tools/py"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    touch "$venv/.installed"
  fi
  if [ ! -d "$REPO_ROOT/tests/clients/node_modules" ] ||
    [ "$REPO_ROOT/tests/clients/package-lock.json" -nt "$REPO_ROOT/tests/clients/node_modules/.package-lock.json" ]; then
    say "installing Rivet for the clients step (npm ci)"
    npm ci --prefix "$REPO_ROOT/tests/clients" --no-audit --no-fund --loglevel=error
  fi
}

# tauri-driver 2.x (the newest on crates.io is a 3.0 alpha), into .tools/ — not the user's PATH.
ensure_tauri_driver() {
  if [ ! -x "$TOOLS_DIR/bin/tauri-driver" ]; then
    say "installing tauri-driver 2.x into .tools/"
    cargo install tauri-driver --version '^2' --locked --root "$TOOLS_DIR" --quiet
  fi
  export TAURI_DRIVER="$TOOLS_DIR/bin/tauri-driver"
}

# clippy ARGS…: cargo clippy, failing also when a clippy.toml guard (disallowed-methods) names a
# function that does not exist: clippy only warns about that, even with -D warnings, and a guard
# that names nothing guards nothing.
clippy_checked() {
  local log status
  log=$(mktemp)
  cargo clippy "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  if grep -q "does not refer to a reachable" "$log"; then
    echo "a clippy.toml guard names a function that does not exist (above): fix its path"
    status=1
  fi
  rm -f "$log"
  return "$status"
}

# One hash of everything the UI's build reads (its sources, page, packages, configs).
ui_source_hash() {
  (cd "$REPO_ROOT/ui" &&
    find src index.html package.json package-lock.json vite.config.ts tsconfig.json -type f -print0 2>/dev/null |
    sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

# Builds the UI only when its sources changed since the last build: an unchanged ui/dist keeps
# its files' times, so cargo does not re-embed them and a second launch does not re-link the app.
build_ui() {
  local stamp="$REPO_ROOT/target/ui-built-from" hash
  hash=$(ui_source_hash)
  if [ -d "$REPO_ROOT/ui/dist" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
    say "the UI is up to date"
    return
  fi
  say "building the UI"
  npm run --prefix "$REPO_ROOT/ui" --silent build
  mkdir -p "$REPO_ROOT/target"
  echo "$hash" >"$stamp"
}

# write_metainfo FILE: the AppStream metadata (packaging/linux/metainfo.xml.in) with the releases
# of CHANGELOG.md ("## 1.2.0 — 2026-12-24"; "— unreleased" is a development release) and the
# repository as homepage.
write_metainfo() {
  local releases homepage
  homepage=$(sed -n 's/^repository = "\(.*\)"/\1/p' "$REPO_ROOT/Cargo.toml" | head -n 1)
  releases=$(sed -nE 's/^## ([0-9][0-9.]*) — (.*)$/\1 \2/p' "$REPO_ROOT/CHANGELOG.md" | while read -r v when; do
    if [[ "$when" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
      echo "    <release version=\"$v\" date=\"$when\" type=\"stable\" />"
    else
      echo "    <release version=\"$v\" date=\"$(date -u +%Y-%m-%d)\" type=\"development\" />"
    fi
  done)
  awk -v releases="$releases" -v home="$homepage" '
    { gsub(/@HOMEPAGE@/, home) }
    /^@RELEASES@$/ { print releases; next }
    { print }' "$REPO_ROOT/packaging/linux/metainfo.xml.in" >"$1"
}

# repack_rpm RPM FUNCTION: rebuilds RPM with its payload passed through FUNCTION TREE first,
# keeping the bundler's name, version, summary, licence and dependencies (rpmbuild, from
# Debian's rpm package). The bundler has no way to rename the files it generates.
repack_rpm() {
  local rpm="$1" change="$2" work
  work=$(mktemp -d)
  mkdir -p "$work/tree" "$work/SPECS" "$work/RPMS"
  # rpm2cpio exits 1 on the bundler's packages although it writes the whole payload: what counts
  # is that every file the package lists came out.
  (cd "$work/tree" && { rpm2cpio "$REPO_ROOT/$rpm" || true; } | cpio -idm --quiet)
  [ "$(find "$work/tree" -type f -o -type l | wc -l)" -eq "$(rpm -qpl "$REPO_ROOT/$rpm" | wc -l)" ] ||
    die "$rpm did not unpack whole"
  "$change" "$work/tree"
  q() { rpm -qp --queryformat "$1" "$REPO_ROOT/$rpm"; }
  {
    echo "Name: $(q '%{NAME}')"
    echo "Version: $(q '%{VERSION}')"
    echo "Release: $(q '%{RELEASE}')"
    echo "Summary: $(q '%{SUMMARY}')"
    echo "License: $(q '%{LICENSE}')"
    echo "BuildArch: $(q '%{ARCH}')"
    echo "AutoReqProv: no"
    rpm -qp --requires "$REPO_ROOT/$rpm" | grep -v '^rpmlib(' | sed 's/^/Requires: /'
    rpm -qp --recommends "$REPO_ROOT/$rpm" | sed 's/^/Recommends: /'
    echo
    echo "%description"
    q '%{DESCRIPTION}'
    echo
    echo "%install"
    echo "cp -a $work/tree/. %{buildroot}/"
    echo "%files"
    (cd "$work/tree" && find . -type f -o -type l | sed 's|^\.|"|; s|$|"|' | sort)
  } >"$work/SPECS/repack.spec"
  # As packed: no re-compression or stripping of the bundler's files, no debug package.
  rpmbuild -bb --quiet --define "_topdir $work" --define "_rpmdir $work/RPMS" \
    --define "_build_id_links none" --define "__os_install_post %{nil}" \
    --define "debug_package %{nil}" "$work/SPECS/repack.spec" >/dev/null
  mv "$work"/RPMS/*/*.rpm "$REPO_ROOT/$rpm"
  rm -rf "$work"
}