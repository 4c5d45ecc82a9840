#!/usr/bin/env bash
# Third-party Zoom clients and schemathesis, unchanged, against `s2s sim`: see
# tests/clients/run.py for what runs and which checks are off (and why). Installs its Python
# tools (pinned in tests/clients/requirements.txt) into .tools/py and Rivet into
# tests/clients/node_modules; builds `s2s` if the Rust steps have not.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
ensure_client_tools
cargo build --locked -q -p s2s-cli
exec "$TOOLS_DIR/py/bin/python" tests/clients/run.py
