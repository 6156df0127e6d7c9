#!/usr/bin/env python3
"""Writes one dossier in the YAML styles people and tools produce, for bench/styles.sh and the
loader's per-style tests: the same records in every style, so that the loader must read the same
dossier from each.

    python3 bench/styles.py STYLE < generated.yaml > styled.yaml
    python3 bench/styles.py --list

Needs PyYAML (`pip install pyyaml`, or Debian's python3-yaml); its C loader and dumper are used
when present (they write what the pure-Python ones write, faster).

Styles:
  gen            the input as it is (the project's generator: one-line double-quoted scalars)
  single         every text single-quoted, one line each
  hand           the generator's file with comments and blank lines between and after records
  pyyaml         PyYAML's default dump: sorted keys, plain scalars wrapped at 80, non-ASCII
                 text double-quoted with escapes, indentless lists
  literal        quote texts as literal blocks (`|-`), wrapped at 80
  folded         quote texts as folded blocks (`>-`), wrapped at 80
  single-wrapped every text single-quoted, wrapped at 80
  flow           one flow mapping per quote (`- {id: ..., text: "...", ...}`)
  unknown-first / unknown-last   the input with one unknown field in its first / last quote
  wrong-first / wrong-last       the input with one value of the wrong type in its first / last quote
"""

import sys
import textwrap

import yaml

STYLES = [
    "gen", "single", "hand", "pyyaml", "literal", "folded", "single-wrapped", "flow",
    "unknown-first", "unknown-last", "wrong-first", "wrong-last",
]

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load(text):
    # Dates stay text: the dossier format reads them as text.
    class Plain(Loader):
        pass

    Plain.add_constructor("tag:yaml.org,2002:timestamp", lambda l, n: l.construct_scalar(n))
    return yaml.load(text, Loader=Plain)


def single(s):
    return "'" + s.replace("'", "''") + "'"


def double(s):
    out = []
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def wrapped_single(s, indent):
    """A single-quoted scalar folded at 80 columns: a line break inside the quotes is a space."""
    words = single(s)
    lines = textwrap.wrap(words, width=80 - indent, break_long_words=False, break_on_hyphens=False)
    if len(lines) <= 1:
        return words
    pad = " " * indent
    return ("\n" + pad).join(lines)


def block(s, indicator, indent):
    pad = " " * indent
    if indicator == ">-":
        paragraphs = s.split("\n")
        body = []
        for i, p in enumerate(paragraphs):
            if i:
                body.append("")
            body.extend(textwrap.wrap(p, width=80 - indent, break_long_words=False,
                                      break_on_hyphens=False) or [""])
    else:
        body = []
        for line in s.split("\n"):
            body.extend(textwrap.wrap(line, width=80 - indent, break_long_words=False,
                                      break_on_hyphens=False) or [""])
        # A literal block keeps its line breaks: wrapping it would change the text, so only
        # the line breaks the text has are lines.
        body = s.split("\n")
    return indicator + "\n" + "\n".join(pad + line if line else "" for line in body)


def scalar(v, text_style, indent):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if v is None:
        return "~"
    if text_style == "single":
        return single(v)
    if text_style == "single-wrapped":
        return wrapped_single(v, indent)
    return double(v)


def emit(value, text_style, indent, out, key_indent=None, quote_text=None):
    """A block emitter: mappings and lists in block style, ids and dates plain, texts in
    `text_style`; `quote_text(value, indent)` writes a quote's `text` field when given."""
    pad = " " * indent
    if isinstance(value, dict):
        first = True
        for k, v in value.items():
            lead = "" if first and key_indent is not None else pad
            first = False
            if isinstance(v, (dict, list)) and v:
                if isinstance(v, list) and all(not isinstance(x, (dict, list)) for x in v):
                    out.append(f"{lead}{k}: [{', '.join(plain_or(x, text_style) for x in v)}]")
                    continue
                out.append(f"{lead}{k}:")
                emit(v, text_style, indent + 2, out, quote_text=quote_text)
            elif isinstance(v, (dict, list)):
                out.append(f"{lead}{k}: {'[]' if isinstance(v, list) else '{}'}")
            elif k == "text" and quote_text is not None:
                out.append(f"{lead}{k}: {quote_text(v, indent + 2)}")
            else:
                out.append(f"{lead}{k}: {plain_or(v, text_style, k, indent + len(k) + 2)}")
    else:
        for item in value:
            if isinstance(item, dict):
                out.append(f"{pad}- " + "\0")
                sub = []
                emit(item, text_style, indent + 2, sub, key_indent=indent + 2, quote_text=quote_text)
                out[-1] = f"{pad}- " + sub[0]
                out.extend(sub[1:])
            else:
                out.append(f"{pad}- {plain_or(item, text_style)}")


PLAIN_KEYS = {"id", "date", "start", "end", "kind", "exit", "result", "outcome", "language",
              "original_language", "stage", "offer", "source", "translation", "approximate",
              "own_goal", "played", "won", "drawn", "lost"}


def plain_or(v, text_style, key=None, indent=0):
    """Ids, dates, enums and numbers plain (as people write them); other text in the style."""
    if not isinstance(v, str) or key in PLAIN_KEYS or (key is None and is_id(v)):
        return scalar(v, None, indent) if not isinstance(v, str) else v
    return scalar(v, text_style, indent)


def is_id(v):
    return bool(v) and all(c.islower() or c.isdigit() or c == "-" for c in v)


def flow(data):
    out = []
    head = {k: v for k, v in data.items() if k != "quotes"}
    emit(head, "double", 0, out)
    out.append("quotes:")
    for q in data.get("quotes", []):
        fields = ", ".join(f"{k}: {plain_or(v, 'double', k)}" for k, v in q.items())
        out.append(f"  - {{{fields}}}")
    return "\n".join(out) + "\n"


def hand(text):
    out = []
    n = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        if stripped.startswith("- id: "):
            n += 1
            if n % 3 == 0:
                out.append("")
                out.append(" " * (len(line) - len(stripped)) + f"# record {n}, checked by hand")
        if stripped.startswith("language: ") and n % 4 == 0:
            line += "   # as the source prints it"
        out.append(line)
    return "\n".join(out)


def edit(text, first, what):
    """The input with one change in the first or the last quote."""
    lines = text.split("\n")
    starts = [i for i, l in enumerate(lines) if l.startswith("  - id: q-")]
    at = starts[0] if first else starts[-1]
    if what == "unknown":
        lines.insert(at + 1, "    colour: red")
    else:
        # A list where the text is wanted.
        for i in range(at + 1, len(lines)):
            if lines[i].startswith("    speaker: "):
                lines[i] = "    speaker: [Juan, Carlos]"
                break
    return "\n".join(lines)


def write(style, text):
    if style == "gen":
        return text
    if style == "hand":
        return hand(text)
    if style.startswith("unknown-") or style.startswith("wrong-"):
        what, where = style.split("-")
        return edit(text, where == "first", what)
    data = load(text)
    if style == "pyyaml":
        return yaml.dump(data, Dumper=Dumper)
    if style == "flow":
        return flow(data)
    out = []
    if style in ("literal", "folded"):
        indicator = "|-" if style == "literal" else ">-"
        emit(data, "double", 0, out, quote_text=lambda v, indent: block(v, indicator, indent + 2))
    else:
        emit(data, style, 0, out)
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in STYLES + ["--list"]:
        sys.exit("usage: styles.py STYLE < dossier.yaml   (styles: " + ", ".join(STYLES) + ")")
    if sys.argv[1] == "--list":
        print("\n".join(STYLES))
        return
    sys.stdout.write(write(sys.argv[1], sys.stdin.read()))


if __name__ == "__main__":
    main()
