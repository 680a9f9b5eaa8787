#!/usr/bin/env bash
# Runs the README's test command N times with both cores kept busy by stress-ng, to show the suite does not depend
# on an idle machine; prints each run's counts and duration. Logs go to artifacts/stress/.
#
#   tools/stress-test.sh [N] [--reference] [--project PATH] [--filter EXPR]
#
#   N            loaded runs (default 5)
#   --reference  one unloaded run first, for comparison
#   --project    what to test instead of EdaAspire.sln (e.g. tests/UnitTests)
#   --filter     passed to dotnet test --filter
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5 reference=false target=EdaAspire.sln filter=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reference) reference=true ;;
    --project) target="$2"; shift ;;
    --filter) filter="$2"; shift ;;
    [0-9]*) runs="$1" ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! command -v stress-ng >/dev/null; then
  echo "::: install Debian's stress-ng"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq stress-ng >/dev/null
fi

logs=artifacts/stress
mkdir -p "$logs"
test_args=("$target" --no-build)
[ -n "$filter" ] && test_args+=(--filter "$filter")

echo "::: build once, unloaded (the runs below test with --no-build)"
dotnet build "$target" -warnaserror >"$logs/build.log" 2>&1 || { tail -20 "$logs/build.log"; exit 1; }

failures=0
# One run of the tests: its counts are the sums of the per-assembly summary lines of dotnet test.
run() {
  local name="$1" log="$logs/$1.log" started status=0
  started=$(date +%s)
  dotnet test "${test_args[@]}" >"$log" 2>&1 || status=$?
  local seconds=$(( $(date +%s) - started ))
  local sum='{ for (i = 1; i <= NF; i++) if ($i == key ":") { gsub(",", "", $(i+1)); n += $(i+1) } } END { print n + 0 }'
  local passed failed skipped
  passed=$(grep -E '^(Passed|Failed)!' "$log" | awk -v key=Passed "$sum")
  failed=$(grep -E '^(Passed|Failed)!' "$log" | awk -v key=Failed "$sum")
  skipped=$(grep -E '^(Passed|Failed)!' "$log" | awk -v key=Skipped "$sum")
  printf '%-12s passed %5d  failed %3d  skipped %3d  %4d s  exit %d  (%s)\n' "$name" "$passed" "$failed" "$skipped" "$seconds" "$status" "$log"
  if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
    failures=$((failures + 1))
    grep -E '^\s+Failed ' "$log" | sed 's/^/    /' || true
  fi
}

echo "::: dotnet test ${test_args[*]}"
if [ "$reference" = true ]; then
  run unloaded
fi
unloaded_failures=$failures failures=0

stress-ng --cpu 2 --quiet &
stress=$!
trap 'kill "$stress" 2>/dev/null || true; wait "$stress" 2>/dev/null || true' EXIT
for i in $(seq 1 "$runs"); do
  run "loaded-$i"
done

echo "::: $((runs - failures)) of $runs loaded runs green"
[ "$failures" -eq 0 ] && [ "$unloaded_failures" -eq 0 ]
