#!/usr/bin/env bash
# Runs every test of the repository: analyzers and fixes, runtime helpers, the simulator, and the end-to-end package
# test. Needs only the .NET SDK. The same tests run with a plain `dotnet test Qwen.Analyzers.sln -c Release` (the route
# on Windows); this script adds one line per finished test and the closing "N passed, N failed" line.
# Usage: bash eng/test.sh            (the README's test command; .ci/run calls it). About 9 minutes on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
expected=$(grep -l 'Microsoft.NET.Test.Sdk' tests/*/*.csproj | wc -l)
echo "Building and running $expected test projects (about 9 minutes on a 2-core machine); each test prints a line as it finishes."
dotnet test Qwen.Analyzers.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One plain closing line over all test projects, from each project's summary ("Total tests: N", "Passed: N", …).
awk '/^Total tests: / { projects++ }
     /^ +Passed: +[0-9]+$/ { passed += $2 }
     /^ +Failed: +[0-9]+$/ { failed += $2 }
     /^ +Skipped: +[0-9]+$/ { skipped += $2 }
     END { printf "%d passed, %d failed, %d skipped (%d test projects)\n", passed, failed, skipped, projects }' "$log"
reported=$(grep -c '^Total tests: ' "$log" || true)
if [ "$status" -ne 0 ] && [ "$reported" -lt "$expected" ]; then
  echo "dotnet test exited with $status after $reported of $expected test projects reported (a build error or a crashed test host): see above."
fi
rm -f "$log"
exit "$status"
