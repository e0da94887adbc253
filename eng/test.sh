#!/usr/bin/env bash
# Runs every test of the repository: analyzers and fixes, runtime helpers, the simulator, and the end-to-end package
# test. Needs only the .NET SDK. The same tests run with a plain `dotnet test Qwen.Analyzers.sln -c Release` (the route
# on Windows); this script adds one line per finished test and the closing "N passed, N failed" line.
# Usage: bash eng/test.sh            (the README's test command; .ci/run calls it). About 4–6 minutes on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
echo "Building and running 5 test projects (about 4–6 minutes on a 2-core machine); each test prints a line as it finishes."
dotnet test Qwen.Analyzers.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One plain closing line over all test projects, from each project's "Passed!/Failed! - Failed: N, Passed: N, ..." line.
awk '/^(Passed|Failed)! +- / {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") failed += $(i + 1)
         if ($i == "Passed:") passed += $(i + 1)
         if ($i == "Skipped:") skipped += $(i + 1)
       }
       projects++
     }
     END { printf "%d passed, %d failed, %d skipped (%d test projects)\n", passed, failed, skipped, projects }' "$log"
if [ "$status" -ne 0 ] && ! grep -qE '^Failed! +- ' "$log"; then
  echo "dotnet test exited with $status before every project reported (a build error or a crashed test host): see above."
fi
rm -f "$log"
exit "$status"
