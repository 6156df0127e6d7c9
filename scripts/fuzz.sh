#!/usr/bin/env bash
# Fuzzes the loader and the quote search with cargo-fuzz (libFuzzer), each target for SECONDS
# (default 60), one after the other, and prints the executions and crashes of each.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: load, lexer, search (default: all)
#
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the stable toolchain. The
# seed corpus is data/*.yaml, every tests/fixtures YAML file and fuzz/seeds/<target>/ (small
# hostile inputs and every input that ever crashed); new inputs go to fuzz/corpus/<target>/
# (git-ignored), crashes to fuzz/artifacts/<target>/. Exit status: 0 when no target crashed,
# 1 when one did (the input is in fuzz/artifacts), 2 when the fuzzers could not be built or run.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(load lexer search)
fi
case "$seconds" in
    '' | *[!0-9]*)
        echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
        exit 2
        ;;
esac

export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR=never

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked || {
        echo "fuzz.sh: cannot install cargo-fuzz" >&2
        exit 2
    }
fi

# The loader's seeds are whole dossiers (the real one is about 75 kB); the search's input is a
# few quotes and a query.
max_len() {
    case "$1" in
        load | lexer) echo 262144 ;;
        *) echo 8192 ;;
    esac
}

# Extra libFuzzer options per target: the loader gets a dictionary of YAML and dossier tokens.
extra() {
    case "$1" in
        load | lexer) echo "-dict=fuzz/load.dict" ;;
    esac
}

seed() {
    local target="$1" dir="fuzz/corpus/$1"
    mkdir -p "$dir" "fuzz/seeds/$target" "fuzz/artifacts/$target"
    if [ "$target" = load ] || [ "$target" = lexer ]; then
        local f
        while IFS= read -r -d '' f; do
            cp "$f" "$dir/seed-$(echo "$f" | tr '/' '_')"
        done < <(find data tests/fixtures -name '*.yaml' -print0)
    fi
}

# Builds every target (release, with debug assertions and AddressSanitizer).
if ! cargo fuzz build; then
    echo "fuzz.sh: the fuzz targets do not build" >&2
    exit 2
fi

status=0
summary=()
for t in "${targets[@]}"; do
    seed "$t"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    log="fuzz/artifacts/$t.log"
    echo "fuzz.sh: $t for ${seconds}s" >&2
    set +e
    cargo fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="$seconds" -max_len="$(max_len "$t")" \
        -rss_limit_mb=2048 -timeout=2 -print_final_stats=1 $(extra "$t") >"$log" 2>&1
    code=$?
    set -e
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    crashes=$((after - before))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    if [ "$code" -ne 0 ] && [ "$crashes" -eq 0 ] && ! grep -q 'Test unit written to' "$log"; then
        echo "fuzz.sh: $t did not run (exit $code); the end of $log:" >&2
        tail -20 "$log" >&2
        exit 2
    fi
    if [ "$crashes" -gt 0 ] || [ "$code" -ne 0 ]; then
        status=1
        echo "fuzz.sh: $t CRASHED; the report:" >&2
        grep -A30 -m1 -E '^==[0-9]+==|panicked|deadly signal|ERROR: libFuzzer' "$log" >&2 || tail -40 "$log" >&2
        grep 'Test unit written to' "$log" >&2 || true
    fi
    summary+=("$(printf '%-7s %6ss %12s execs %3s crashes' "$t" "$seconds" "${execs:-?}" "$crashes")")
done

echo "fuzz.sh: summary"
printf '  %s\n' "${summary[@]}"
exit "$status"
