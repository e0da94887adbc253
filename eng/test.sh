#!/usr/bin/env bash
# Runs every test of the repository: analyzers and fixes, runtime helpers, and the end-to-end package test.
# Usage: bash eng/test.sh            (the README's test command; .ci/run calls it)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=$(mktemp -d)
status=0
dotnet build Qwen.Analyzers.sln -c Release
dotnet test Qwen.Analyzers.sln -c Release --no-build --logger "trx" --results-directory "$results" || status=$?

# One plain closing line over all test projects: "N passed, N failed".
python3 - "$results" <<'PY' || true
import glob, re, sys
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    m = re.search(r'<Counters [^>]*', open(f, encoding="utf-8").read())
    if not m:
        continue
    c = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)); skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
