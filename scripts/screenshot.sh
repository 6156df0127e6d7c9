#!/usr/bin/env bash
# Renders assets/screenshot.png from the running browser (not drawn by hand): tmux runs it at
# 100x30 on the embedded dossier, a few keys bring it to the Honduras offer and its stage, tmux captures
# the screen with its colours, scripts/ansi_to_html.py lays the cells out as HTML, and headless
# Chromium takes the picture.
#
# Needs: tmux, python3 with wcwidth (pip install wcwidth), chromium, fonts-dejavu-core
# (and fonts-noto-color-emoji for emoji). DOSSIER_BIN picks the program (default: the browse
# example, built here); extra arguments go to it (a dossier file, for instance).
set -euo pipefail
cd "$(dirname "$0")/.."

cols=100
rows=30
out=assets/screenshot.png

if [[ -z "${DOSSIER_BIN:-}" ]]; then
    cargo build --quiet --example browse
    target=${CARGO_TARGET_DIR:-target}
    DOSSIER_BIN=$target/debug/examples/browse
fi

work=$(mktemp -d)
session="dossier-screenshot-$$"
# A tmux server of its own (its own socket): the script never sees or stops anyone else's sessions.
t() { tmux -L "$session" "$@"; }
cleanup() {
    t kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

t new-session -d -s "$session" -x "$cols" -y "$rows" \
    "env TERM=xterm-256color $(printf '%q ' "$DOSSIER_BIN" "$@"); sleep 5"
sleep 1
# Focus the Honduras offer, jump the timeline to the stage it was made in (t), and select the
# first events of its chronology (which also clears the jump's status message).
t send-keys -t "$session" 3 t j j
sleep 0.5
t capture-pane -t "$session" -e -p > "$work/screen.ansi"
t send-keys -t "$session" q

python3 scripts/ansi_to_html.py "$work/screen.ansi" "$cols" "$rows" > "$work/screen.html"
# DejaVu Sans Mono at 16px: 0.602em per cell, 1.17em per row, plus the page's padding.
width=$(python3 -c "print(round($cols * 16 * 0.602 + 32))")
height=$(python3 -c "print(round($rows * 16 * 1.17 + 28))")
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
    --window-size="$width,$height" --screenshot="$work/shot.png" "file://$work/screen.html" \
    >/dev/null 2>&1
mkdir -p assets
cp "$work/shot.png" "$out"
echo "wrote $out (${width}x${height})"
