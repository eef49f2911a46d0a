#!/usr/bin/env python3
"""Puts a bench script's section into results/BENCHMARKS.md: replaces the text between its
marker comments (<!-- begin: NAME --> ... <!-- end: NAME -->) where they are, else inserts
it after the end marker of AFTER (or at the end when AFTER is absent). Everything else in the
file is kept. Usage: replace_section.py BENCHMARKS.md SECTION_FILE NAME [AFTER]"""
import pathlib
import sys

out, section = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).read_text().rstrip("\n")
name = sys.argv[3]
after = sys.argv[4] if len(sys.argv) > 4 else None
begin, end = f"<!-- begin: {name} -->", f"<!-- end: {name} -->"
text = out.read_text() if out.exists() else "# Benchmarks\n"
if begin in text and end in text:
    text = text[:text.index(begin)] + section + text[text.index(end) + len(end):]
else:
    mark = f"<!-- end: {after} -->" if after else None
    i = text.index(mark) + len(mark) if mark and mark in text else len(text)
    text = text[:i] + "\n\n" + section + text[i:]
out.write_text(text)
