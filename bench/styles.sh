#!/usr/bin/env bash
# The loader on every YAML style: the same generated quotes written in the styles people and tools
# produce (bench/styles.py), each searched with `dossier search energy` as a whole process against
# `fzf --filter energy` over the same quote texts, side by side (farm-bench --vs: A and B take
# turns, the ratio is taken pair by pair), with the peak memory of each run.
#
#   bench/styles.sh [QUOTES] [STYLE...]      (default: 100000 quotes, every style)
#
# Needs python3 with PyYAML (`apt-get install python3-yaml` or `pip install pyyaml`) and fzf
# (`apt-get install fzf`, installed here if missing); farm-bench (the tool library) or, without
# it, hyperfine plus GNU time. Environment: RUNS (default 5), WORK (where the files go; default a
# temporary directory, reused when given), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
QUOTES=${1:-100000}
shift || true
RUNS=${RUNS:-5}
WORK=${WORK:-$(mktemp -d)}
TARGET=${CARGO_TARGET_DIR:-target}
STYLES=("$@")
[ "${#STYLES[@]}" -gt 0 ] || mapfile -t STYLES < <(python3 bench/styles.py --list)

apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y "$@" >/dev/null 2>&1 ||
        { $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y "$@" >/dev/null 2>&1; }
}
command -v fzf >/dev/null || apt_install fzf
python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml || pip install pyyaml
command -v farm-bench >/dev/null || { command -v hyperfine >/dev/null || apt_install hyperfine; }

cargo build --release --quiet --features testgen --bin dossier --example gen
DOSSIER="$TARGET/release/dossier"
GEN="$TARGET/release/examples/gen"
BASE="$WORK/gen-$QUOTES.yaml"
TEXTS="$WORK/texts-$QUOTES.txt"
[ -s "$BASE" ] || "$GEN" --quotes "$QUOTES" > "$BASE"
[ -s "$TEXTS" ] || "$GEN" --quotes "$QUOTES" --texts > "$TEXTS"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$QUOTES quotes; fzf $(fzf --version | cut -d' ' -f1) over $(du -m "$TEXTS" | cut -f1) MB of texts; $RUNS runs each, medians"
printf '\n| %-15s | %7s | %10s | %8s | %13s | %9s | %9s | %s\n' style "file MB" "search (s)" "fzf (s)" "search / fzf" "peak MiB" "peak/file" "exit"
printf '|%s|%s|%s|%s|%s|%s|%s|%s\n' ----------------- --------- ------------ ---------- --------------- ----------- ----------- ------
for style in "${STYLES[@]}"; do
    file="$WORK/$style-$QUOTES.yaml"
    [ -s "$file" ] || python3 bench/styles.py "$style" < "$BASE" > "$file"
    bytes=$(stat -c %s "$file")
    # Exit 0 with matches for a valid file, 1 with the problems for a broken one.
    set +e
    "$DOSSIER" search energy --data "$file" >/dev/null 2>&1
    code=$?
    set -e
    out=$(farm-bench -n "$RUNS" --timeout 600 --vs "sh -c 'exec fzf --filter energy < $TEXTS'" -- \
        "$DOSSIER" search energy --data "$file" 2>&1)
    med() { echo "$out" | awk -v k="$1" '$0 ~ "^"k" " { print $(NF-1) }' | head -1; }
    ours=$(med "A wall s")
    theirs=$(med "B wall s")
    ratio=$(med "A/B wall")
    peak=$(med "A peak MiB")
    awk -v s="$style" -v b="$bytes" -v o="$ours" -v t="$theirs" -v r="$ratio" -v p="$peak" -v c="$code" 'BEGIN {
        printf "| %-15s | %7.1f | %10.3f | %8.3f | %12.2fx | %9.0f | %8.2fx | %s\n", s, b / 1e6, o, t, r, p, p * 1048576 / b, c }'
done
echo
echo "search / fzf: the median of the pairwise ratios of wall time (below 1: dossier is faster)."
echo "peak: the largest resident set of the dossier process; peak/file: that over the file's size."
echo "exit: 0 for a valid file, 1 for one the loader refuses (it prints every problem, then stops)."
