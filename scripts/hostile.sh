#!/usr/bin/env bash
# Measures `dossier check --data FILE` on each hostile file of tests/hostile.rs: exit status,
# wall time, maximum resident memory (GNU time), and the first line of the message. Prints a
# Markdown table (the one in docs/SECURITY.md).
#
#   scripts/hostile.sh [BINARY]     default: target/release/dossier (built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
bin="${1:-$target_dir/release/dossier}"
if [ ! -x "$bin" ]; then
    cargo build --release --quiet
fi
if [ ! -x /usr/bin/time ]; then
    echo "hostile.sh: GNU time (/usr/bin/time) is needed: apt-get install time" >&2
    exit 2
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
valid=tests/fixtures/tui.yaml

python3 - "$dir" "$valid" <<'EOF'
import os, sys
d, valid = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
lines = valid.split("\n")
def with_line(prefix, repl):
    i = next(i for i, l in enumerate(lines) if l.startswith(prefix))
    return "\n".join(lines[:i] + [repl] + lines[i + 1:])
w("01-empty.yaml", b"")
w("02-comments.yaml", "# a dossier\n# nothing yet\n\n   # indented\n")
w("03-binary.yaml", b"\x7fELF\x02\x01\x01\x00" + bytes((i * 31) % 251 for i in range(4096)))
w("04-latin1.yaml", b"subject:\n  name: x\n  place: caf\xe9\nsources: []\n")
w("05-bom-valid.yaml", b"\xef\xbb\xbf" + valid.encode())
w("06-bom-error.yaml", b"\xef\xbb\xbf" + with_line("  name:", "  name: [unclosed").encode())
w("07-crlf-valid.yaml", valid.replace("\n", "\r\n"))
w("08-crlf-error.yaml", with_line("  nationality:", "  nationality: [Colombian").replace("\n", "\r\n"))
w("09-tab.yaml", with_line("  nationality:", "\tnationality: Colombian"))
w("10-list.yaml", "# a list\n- subject\n- sources\n")
w("11-scalar.yaml", "just some words\n")
bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
for p, n in zip("abcdefgh", "bcdefghi"):
    bomb += f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]\n"
w("12-alias-bomb.yaml", bomb)
w("13-nested-10000.yaml", "subject: " + "[" * 10000 + "\n")
w("14-line-20MB.yaml", '{subject: {name: "' + "ab " * (20 * 1024 * 1024 // 3) + '"}}')
with open(os.path.join(d, "15-huge-500MB.yaml"), "wb") as f:
    f.truncate(500 * 1024 * 1024)
os.mkdir(os.path.join(d, "16-directory.yaml"))
os.mkfifo(os.path.join(d, "17-fifo.yaml"))
w("19-escape.yaml", with_line("  nationality:", "  nationality: Colo\x1b[2Jmbian"))
w("20-bidi.yaml", with_line("  nationality:", "  nationality: Colo\u202enaibm"))
w("21-utf16.yaml", b"\xff\xfe" + "subject: x\n".encode("utf-16-le"))
# The second round (issue 13): tags, and files made to be slow.
w("22-tag.yaml", with_line("    speaker: Tomás", "    speaker: !!binary SGVsbG8="))
w("23-tag-directive.yaml", "%TAG !e! tag:example.com,2000:\n---\n" + valid)
w("24-keys-1M.yaml", valid + "".join(f"k{i}: v\n" for i in range(1_000_000)))
w("25-quote-keys-1M.yaml", with_line("    speaker: Tomás", "    speaker: Tomás Arbeláez\n"
  + "".join(f"    k{i}: v\n" for i in range(1_000_000)).rstrip("\n")))
w("26-kind-10MB.yaml", with_line("    kind: profile", "    kind: " + "x" * (10 << 20)))
w("27-string-bomb.yaml", with_line("    context: Farewell post", '    context: &big "' + "x" * (1 << 20) + '"')
  + "\ncopies:\n" + "  - *big\n" * 1000)
w("28-types-1M.yaml", valid.replace("quotes:\n", "quotes:\n" + "".join(
  f"  - {{id: q{i}, text: [t], speaker: s, language: es, source: nope}}\n" for i in range(200_000)), 1))
EOF

echo "| file | exit | time | max RSS | first line of the message |"
echo "| --- | --- | --- | --- | --- |"
run() {
    local name="$1" path="$2"
    local out="$dir/.out" err="$dir/.err" tv="$dir/.time"
    set +e
    /usr/bin/time -f '%e %M' -o "$tv" "$bin" check --data "$path" >"$out" 2>"$err"
    local code=$?
    set -e
    local secs rss msg
    read -r secs rss < <(tail -1 "$tv")
    msg=$( (head -1 "$err"; head -1 "$out") | head -1 | sed "s|$dir/||g; s/|/\\\\|/g" | cut -c1-100)
    printf '| %s | %s | %s s | %s MB | `` %s `` |\n' "$name" "$code" "$secs" "$((rss / 1024))" "$msg"
}
for f in "$dir"/[0-9]*; do
    run "$(basename "$f")" "$f"
done
gone="$dir/18-deleted.yaml"
run "18-deleted.yaml" "$gone"
run "/dev/zero" /dev/zero
