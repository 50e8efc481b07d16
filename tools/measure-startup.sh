#!/usr/bin/env bash
# Cold start and idle memory of Portal (SPEC §5: /demo served within 5 s; idle memory ≤ 250 MB).
# Builds Release once, then starts the app RUNS times on a data directory that was seeded by a first start,
# timing process start → first 200 from /demo, and reads the resident memory after IDLE seconds of quiet.
# Usage: bash tools/measure-startup.sh [RUNS] [IDLE_SECONDS]
set -euo pipefail
runs=${1:-5}
idle=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
port=5181
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

dotnet build "$root/Portal/Portal.csproj" -c Release -v quiet -nologo >/dev/null
dll="$root/Portal/bin/Release/net10.0/Portal.dll"

start_once() {
  local t0 pid ms
  t0=$(date +%s%N)
  (cd "$root" && exec dotnet "$dll" --urls "http://127.0.0.1:$port" --Portal:DataDirectory="$data" \
    --Portal:Bootstrap:AdminPassword=Startup-Measure-1 --Logging:LogLevel:Default=Warning >/dev/null 2>&1) &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/demo"; do sleep 0.02; done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "$pid $ms"
}

stop() {
  kill "$1"
  while kill -0 "$1" 2>/dev/null; do sleep 0.05; done
}

read -r pid first <<<"$(start_once)"
echo "first start (migrate + seed): ${first} ms"
# The first start also trains the bot's intent model in the background; let it finish so later starts load it.
trained=0
until [ -f "$data/bot/models/active" ] || [ "$trained" -ge 240 ]; do sleep 1; trained=$((trained + 1)); done
echo "first start: intent model trained and active after ${trained} s more; resident memory then: $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status") MB"
stop "$pid"

for i in $(seq 1 "$runs"); do
  read -r pid ms <<<"$(start_once)"
  if [ "$i" -eq "$runs" ]; then
    sleep "$idle"
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
    echo "start $i: ${ms} ms; idle resident memory after ${idle} s: ${rss} MB"
  else
    echo "start $i: ${ms} ms"
  fi
  stop "$pid"
done
