#!/usr/bin/env bash
# Measures the GUI on a data folder: time until the check-in window is shown, and memory
# (resident and peak) after searching, opening the 20,000-household list and today's page.
# usage: scripts/measure-gui.sh DATA_FOLDER   (after make build; needs Xvfb and xdotool)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: scripts/measure-gui.sh DATA_FOLDER}
display=:97
Xvfb $display -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
log=$(mktemp)
DISPLAY=$display ENTRAIDE_TIMING=1 LANG=fr_FR.UTF-8 ./bin/entraide --data "$data" 2>"$log" &
app=$!
DISPLAY=$display xdotool search --sync --name Entraide >/dev/null
sleep 2
grep "window shown" "$log" || { cat "$log"; exit 1; }
for keys in "type martin" "key Return" "key ctrl+2" "key ctrl+3" "key ctrl+1" "type lefe"; do
  DISPLAY=$display xdotool $keys
  sleep 2
done
grep -E "VmRSS|VmHWM" /proc/$app/status
