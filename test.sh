#!/usr/bin/env bash
# Runs every test of Seam: unit, storage (SQLite and a real PostgreSQL the tests start themselves),
# HTTP API against the real server, and the browser test in Debian's Chromium.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

# What the tests need from the machine. Installed when we can (root with apt), otherwise named.
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v tshark >/dev/null || missing+=(tshark)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} from Debian's packages…"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
  else
    echo "The tests need: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi

results="$(pwd)/TestResults"
rm -rf "$results"
status=0
dotnet test Seam.slnx --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line for people and CI: the sum over every test assembly's TRX report.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
if [ "$status" != 0 ]; then
  echo "dotnet test exited with status $status: a build error or a failed test assembly (see above)." >&2
fi
exit $status
