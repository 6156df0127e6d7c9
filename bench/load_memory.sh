#!/usr/bin/env bash
# Load throughput and peak memory: `dossier check --data big.yaml` (read + parse + validate) of
# a generated dossier, against parsing the same file only (examples/parse_only.rs): typed with
# serde_yaml (what the loader did before its own reader), as a serde_yaml::Value, and as
# saphyr-parser events dropped as they come (the parser the loader reads with). GNU time's maximum
# resident set size is the peak memory.
#
#   bench/load_memory.sh [QUOTES]           (default: 100000)
#
# Installs GNU time with apt if missing. Environment: RUNS (default 5), WORK, CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
QUOTES=${1:-100000}
RUNS=${RUNS:-5}
WORK=${WORK:-$(mktemp -d)}
TARGET=${CARGO_TARGET_DIR:-target}
if [ ! -x /usr/bin/time ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y time >/dev/null 2>&1 ||
        { $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y time >/dev/null 2>&1; }
fi
cargo build --release --quiet --bin dossier --example gen --example parse_only
YAML="$WORK/big-$QUOTES.yaml"
[ -s "$YAML" ] || "$TARGET/release/examples/gen" --quotes "$QUOTES" > "$YAML"
BYTES=$(stat -c %s "$YAML")
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $QUOTES quotes, $BYTES bytes; median of $RUNS runs"
printf '%-22s %9s %9s %9s %12s %12s %11s\n' "" "wall (s)" "cpu (s)" "MB/s" "MB/s of cpu" "peak (MB)" "peak/file"
for what in "dossier check" "serde_yaml typed" "serde_yaml Value" "saphyr events"; do
    case $what in
        "dossier check") cmd=("$TARGET/release/dossier" check --data "$YAML") ;;
        "serde_yaml typed") cmd=("$TARGET/release/examples/parse_only" "$YAML" typed) ;;
        "serde_yaml Value") cmd=("$TARGET/release/examples/parse_only" "$YAML" value) ;;
        *) cmd=("$TARGET/release/examples/parse_only" "$YAML" events) ;;
    esac
    walls=() cpus=() rsss=()
    for ((i = 0; i < RUNS; i++)); do
        # wall seconds, user seconds, system seconds, max RSS in KB
        read -r wall user sys rss < <(/usr/bin/time -f '%e %U %S %M' "${cmd[@]}" 2>&1 >/dev/null | tail -n 1)
        walls+=("$wall") cpus+=("$(echo "$user + $sys" | bc)") rsss+=("$rss")
    done
    med() { printf '%s\n' "$@" | sort -n | sed -n "$(((RUNS + 1) / 2))p"; }
    wall=$(med "${walls[@]}") cpu=$(med "${cpus[@]}") rss=$(med "${rsss[@]}")
    awk -v bytes="$BYTES" -v what="$what" -v wall="$wall" -v cpu="$cpu" -v rss="$rss" 'BEGIN {
        printf "%-22s %9.2f %9.2f %9.1f %12.1f %12.0f %10.1fx\n", what, wall, cpu,
            bytes / 1e6 / wall, bytes / 1e6 / cpu, rss / 1024, rss * 1024 / bytes }'
done
