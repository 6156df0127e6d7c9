#!/usr/bin/env bash
# The browser's first full screen on the embedded dossier against fzf's first screen over the
# same quote texts, each in a fresh 120x40 pty (bench/first_frame.py), and where the time goes:
# the process's start and exit (`dossier --version`), and from `main` to the end of the first
# draw in the process (examples/frame.rs: load, App::new, one draw on a test backend).
#
#   bench/first_frame.sh [RUNS]      (default 15)
#
# Needs python3 with PyYAML (for the quote texts) and fzf (installed here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-15}
TARGET=${CARGO_TARGET_DIR:-target}
command -v fzf >/dev/null || { apt-get install -y fzf >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y fzf >/dev/null; }; }
cargo build --release --quiet --features testgen --bin dossier --example frame
texts=$(mktemp)
trap 'rm -f "$texts"' EXIT
python3 -c '
import sys, yaml
d = yaml.load(open("data/osorio.yaml"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
sys.stdout.write("".join(q["text"].replace("\n", " ") + "\n" for q in d["quotes"]))
' > "$texts"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/first_frame.py "$TARGET/release/dossier" "$texts" "$RUNS"
echo
echo "where the time goes:"
if command -v farm-bench >/dev/null; then
    farm-bench -n "$RUNS" -- "$TARGET/release/dossier" --version 2>&1 | grep -E 'wall s' | sed 's/^A/  a process that starts and exits (dossier --version):/'
fi
"$TARGET/release/examples/frame" | head -1 | sed 's/^/  in the process: /'
