#!/usr/bin/env bash
# The database-free and PGlite suites with the clock moved (Debian's libfaketime) and TZ set, so no
# test passes only on some days or in some zones: a DST change in Europe/Bucharest each way (about
# 01:00 UTC on the last Sunday of March and of October, started ten minutes before it so the run
# crosses it), 31 December 23:30 local in the first zone to reach the new year, 29 February.
# CI runs each test file at one of the moments (a quarter of the files at each, vitest --shard), which
# costs one more run of the suites (the whole suite at every moment would add four: past CI's time
# budget on two cores); TIME_TRAVEL_FULL=1 runs every file at every moment. `npm run test:time-travel -- <vitest args>`
# narrows it to some files; TIME_TRAVEL_ONLY=<index> to one moment.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null) || { echo "faketime could not be installed" >&2; exit 1; }
fi

# zone | the moment, read in that zone | its quarter of the files (vitest --shard) | what it tries
moments=(
  "Europe/Bucharest|2027-03-28 02:50:00|1/4|ten minutes before summer time begins"
  "Europe/Bucharest|2026-10-25 03:50:00 EEST|2/4|ten minutes before summer time ends"
  "Pacific/Kiritimati|2026-12-31 23:30:00|3/4|half an hour before the new year, fourteen hours ahead of UTC"
  "Pacific/Kiritimati|2028-02-29 00:30:00|4/4|the first half hour of 29 February, still 28 February in UTC"
)
if [ -n "${TIME_TRAVEL_ONLY:-}" ]; then moments=("${moments[@]:$TIME_TRAVEL_ONLY:1}"); fi

for moment in "${moments[@]}"; do
  IFS='|' read -r zone at shard why <<<"$moment"
  epoch=$(TZ="$zone" date -d "$at" +%s)
  args=("$@")
  if [ -z "${TIME_TRAVEL_FULL:-}" ] && [ "$#" -eq 0 ]; then args=(--shard="$shard"); fi
  echo "== time travel: $at in $zone (UTC $(date -u -d "@$epoch" '+%F %T')): $why ${args[*]}"
  # the clock starts at the moment and runs on (timers and timeouts behave as usual)
  TZ="$zone" FAKETIME_FMT=%s FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$epoch" \
    npx vitest run --project pglite --project web "${args[@]}"
done
