#!/usr/bin/env bash
# Whole-process search time, `dossier search QUERY --data big.yaml` (YAML load included) against
# `fzf --filter QUERY < quotes.txt` over the same quote texts, one per line.
#
#   bench/compare_fzf.sh [QUOTES] [QUERY...]      (default: 100000 quotes, five queries)
#
# Generates the dossier with examples/gen.rs (deterministic), installs fzf (and hyperfine, used
# when available) with apt if missing, builds release, and prints the median of each and the
# ratio. Environment: RUNS (default 7), WORK (where the files go; default a temporary directory),
# CARGO_TARGET_DIR (as for cargo).
set -euo pipefail

cd "$(dirname "$0")/.."
QUOTES=${1:-100000}
shift || true
if [ "$#" -gt 0 ]; then
    QUERIES=("$@")
else
    QUERIES=("seleccion" "Osorio" "jugadores" "presión" "world cup")
fi
RUNS=${RUNS:-7}
WORK=${WORK:-$(mktemp -d)}
TARGET=${CARGO_TARGET_DIR:-target}

apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y "$@" >/dev/null 2>&1 ||
        { $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y "$@" >/dev/null 2>&1; }
}
command -v fzf >/dev/null || apt_install fzf
command -v hyperfine >/dev/null || apt_install hyperfine || true

cargo build --release --quiet --bin dossier --example gen
DOSSIER="$TARGET/release/dossier"
GEN="$TARGET/release/examples/gen"

if [ ! -s "$WORK/big-$QUOTES.yaml" ]; then
    "$GEN" --quotes "$QUOTES" > "$WORK/big-$QUOTES.yaml"
    "$GEN" --quotes "$QUOTES" --texts > "$WORK/quotes-$QUOTES.txt"
fi
YAML="$WORK/big-$QUOTES.yaml"
TEXTS="$WORK/quotes-$QUOTES.txt"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dossier: $QUOTES quotes, $(du -m "$YAML" | cut -f1) MB of YAML; texts: $(du -m "$TEXTS" | cut -f1) MB"
echo "fzf $(fzf --version | cut -d' ' -f1); median of $RUNS runs each"
"$DOSSIER" check --data "$YAML" >/dev/null

# The median wall time of a shell command, in seconds.
median() {
    if command -v hyperfine >/dev/null; then
        local csv
        csv=$(mktemp)
        hyperfine --warmup 1 --runs "$RUNS" --style none --export-csv "$csv" "$1" >/dev/null 2>&1
        # Columns: command,mean,stddev,median,user,system,min,max
        tail -n 1 "$csv" | awk -F, '{ print $(NF-4) }'
        rm -f "$csv"
    else
        local times=() i start end
        bash -c "$1" >/dev/null 2>&1 || true
        for ((i = 0; i < RUNS; i++)); do
            start=$(date +%s.%N)
            bash -c "$1" >/dev/null 2>&1 || true
            end=$(date +%s.%N)
            times+=("$(echo "$end - $start" | bc)")
        done
        printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
    fi
}

printf '\n%-12s %12s %12s %8s %10s %10s\n' "query" "dossier (s)" "fzf (s)" "ratio" "matches" "fzf lines"
for query in "${QUERIES[@]}"; do
    q=$(printf '%q' "$query")
    ours=$(median "$DOSSIER search $q --data $YAML")
    theirs=$(median "fzf --filter $q < $TEXTS")
    total=$("$DOSSIER" search "$query" --data "$YAML" --json --limit 1000000 2>/dev/null | grep -c '"matched_in"' || true)
    lines=$(fzf --filter "$query" < "$TEXTS" | wc -l)
    printf '%-12s %12.3f %12.3f %8.2f %10s %10s\n' "$query" "$ours" "$theirs" \
        "$(echo "$ours / $theirs" | bc -l)" "$total" "$lines"
done
echo
echo "ratio = dossier / fzf (below 1: dossier is faster). dossier searches text, speaker and"
echo "context and prints the best 10; fzf searches the text only and prints every match."
echo "Both read the query in fzf's extended syntax (a space between terms is AND)."
