#!/usr/bin/env python3
"""Generates src/Seam.Core/Discovery/Oui/oui.tsv.gz: IEEE MA-L assignments (24-bit MAC prefix -> organisation).

The assignments are public registry facts published by the IEEE (standards-oui.ieee.org/oui/oui.csv). On an
air-gapped build machine the same facts are at hand in Debian's libwireshark-data 'manuf' file, whose third
column is the IEEE organisation name; this script reads either form and keeps only that name.

Usage: tools/generate-oui.py [/usr/share/wireshark/manuf | oui.csv] > /dev/null
"""
import csv, gzip, re, sys

source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wireshark/manuf"
entries = {}
with open(source, encoding="utf-8", errors="replace") as f:
    if source.endswith(".csv"):
        for row in csv.reader(f):
            if len(row) >= 3 and row[0] == "MA-L" and re.fullmatch(r"[0-9A-Fa-f]{6}", row[1]):
                entries[row[1].upper()] = row[2].strip()
    else:
        for line in f:
            line = line.split("#", 1)[0].rstrip("\n")
            parts = line.split("\t")
            if len(parts) < 2 or not re.fullmatch(r"[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}", parts[0]):
                continue  # skips /28 and /36 blocks and well-known addresses
            name = (parts[2] if len(parts) > 2 and parts[2].strip() else parts[1]).strip()
            entries[parts[0].replace(":", "").upper()] = name.rstrip(", ")

out = "src/Seam.Core/Discovery/Oui/oui.tsv.gz"
with gzip.GzipFile(out, "wb", mtime=0) as g:
    for prefix in sorted(entries):
        g.write(f"{prefix}\t{entries[prefix]}\n".encode("utf-8"))
print(f"{len(entries)} prefixes written to {out}", file=sys.stderr)
