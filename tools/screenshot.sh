#!/usr/bin/env bash
# Takes docs/screenshot.png from the release binary in a real window under Xvfb, with fresh
# settings. Extra arguments go to nkmap (e.g. a data file to open).
# Needs: xvfb, imagemagick, and the runtime libraries listed in README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-docs/screenshot.png}"
cargo build --release
tmp=$(mktemp -d)
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY
display=":${SCREEN:-97}"
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$app" "$xvfb" 2>/dev/null || true; rm -rf "$tmp"' EXIT
sleep 1
DISPLAY="$display" target/release/nkmap "$@" &
app=$!
sleep "${WAIT:-6}"
DISPLAY="$display" /usr/bin/import -window root "$out"
echo "wrote $out"
