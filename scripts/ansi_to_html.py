#!/usr/bin/env python3
"""Turns a terminal capture with colours (tmux capture-pane -e -p) into an HTML page that shows
it cell by cell, as a terminal would: every character sits in a box one or two cells wide, so
accents, Arabic and emoji keep the columns aligned whatever font the browser picks for them.

Usage: ansi_to_html.py CAPTURE COLS ROWS > page.html   (needs: pip install wcwidth)
"""

import html
import re
import sys

from wcwidth import wcwidth

# A dark palette for the 16 ANSI colours (0-7 normal, 8-15 bright).
PALETTE = [
    "#1d1f21", "#cc6666", "#8fbf5a", "#e6c15a", "#6f9fd8", "#b98ad0", "#5fc4c0", "#c5c8c6",
    "#686a6c", "#ff7b7b", "#b5e07a", "#ffe27a", "#8fbcff", "#d7a8f0", "#7fe6e0", "#ffffff",
]
FG, BG = "#d0d3d0", "#16181a"


def xterm256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (levels[n // 36], levels[n // 6 % 6], levels[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def apply(self, params):
        codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 3:
                self.italic = True
            elif c == 4:
                self.underline = True
            elif c == 7:
                self.reverse = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 23:
                self.italic = False
            elif c == 24:
                self.underline = False
            elif c == 27:
                self.reverse = False
            elif 30 <= c <= 37:
                self.fg = PALETTE[c - 30]
            elif 90 <= c <= 97:
                self.fg = PALETTE[c - 90 + 8]
            elif c == 39:
                self.fg = None
            elif 40 <= c <= 47:
                self.bg = PALETTE[c - 40]
            elif 100 <= c <= 107:
                self.bg = PALETTE[c - 100 + 8]
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    colour = xterm256(codes[i + 2])
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    colour = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5])
                    i += 4
                else:
                    colour = None
                if c == 38:
                    self.fg = colour
                else:
                    self.bg = colour
            i += 1

    def css(self):
        fg, bg = self.fg or FG, self.bg or BG
        if self.reverse:
            fg, bg = bg, fg
        parts = [f"color:{fg}"]
        if bg != BG:
            parts.append(f"background:{bg}")
        if self.bold:
            parts.append("font-weight:bold")
        if self.dim:
            parts.append("opacity:.6")
        if self.italic:
            parts.append("font-style:italic")
        if self.underline:
            parts.append("text-decoration:underline")
        return ";".join(parts)


TOKEN = re.compile(r"\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|(.)", re.S)


def rows_of(text, cols):
    style = Style()
    rows = []
    for line in text.split("\n"):
        cells = []  # (text, width, css)
        for m in TOKEN.finditer(line):
            if m.group(1) is not None:
                style.apply(m.group(1))
                continue
            ch = m.group(2)
            if ch is None:
                continue
            w = wcwidth(ch)
            if w < 0:
                continue
            if w == 0 and cells:
                # A combining mark or joiner belongs to the previous cell.
                t, cw, css = cells[-1]
                cells[-1] = (t + ch, cw, css)
                continue
            cells.append((ch, max(w, 1), style.css()))
        used = sum(c[1] for c in cells)
        if used < cols:
            cells.append((" " * (cols - used), cols - used, Style().css()))
        rows.append(cells)
    return rows


def main():
    path, cols, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    text = open(path, encoding="utf-8").read().rstrip("\n")
    grid = rows_of(text, cols)[:rows]
    out = [
        "<!doctype html><meta charset=utf-8><style>",
        f"html,body{{margin:0;background:{BG}}}",
        ".t{display:inline-block;padding:14px 16px;font:16px/1.17 'DejaVu Sans Mono',monospace;"
        "white-space:pre;unicode-bidi:bidi-override;direction:ltr}",
        ".r{height:1.17em}",
        ".c{display:inline-block;overflow:hidden;text-align:center;vertical-align:top;height:1.17em}",
        "</style><div class=t>",
    ]
    for cells in grid:
        out.append("<div class=r>")
        for t, w, css in cells:
            out.append(f'<span class=c style="width:{w}ch;{css}">{html.escape(t)}</span>')
        out.append("</div>")
    out.append("</div>")
    print("".join(out))


if __name__ == "__main__":
    main()
