#!/usr/bin/env bash
# Keystroke-to-results latency (p50, p99, max) of the terminal UI's quote search at 10,000,
# 100,000 and 1,000,000 generated quotes: each query of `testgen::QUERIES` is typed one
# character at a time and deleted again, through the `Searcher` worker thread.
#
#   bench/keystrokes.sh [SIZE...]          (default: 10000 100000 1000000)
#
# Prints wall-clock times (what a user waits for) and CPU time over all threads (what the
# search costs; on a machine shared with other work, wall time also counts waiting for a core).
# Environment: ROUNDS (times each query is typed; default 3, 1 for a million), ENGINE
# (searcher, fuzzy-matcher or naive; see examples/keystrokes.rs), SYNTAX=1 (type
# `testgen::SYNTAX_QUERIES` instead: exact terms, several terms, negations, alternatives).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
SIZES=("$@")
[ "${#SIZES[@]}" -gt 0 ] || SIZES=(10000 100000 1000000)
cargo build --release --quiet --example keystrokes
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${SIZES[@]}"; do
    rounds=${ROUNDS:-$([ "$n" -ge 1000000 ] && echo 1 || echo 3)}
    "$TARGET/release/examples/keystrokes" --quotes "$n" --rounds "$rounds" --engine "${ENGINE:-searcher}" ${SYNTAX:+--syntax}
done
