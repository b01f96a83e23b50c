#!/usr/bin/env bash
# Takes the README's screenshots from the real window under Xvfb, on demo data.
# usage: scripts/screenshots.sh   (after make build)
set -euo pipefail
cd "$(dirname "$0")/.."
shot=../shared/tools/screenshot.sh
[ -x "$shot" ] || { echo "screenshot tool not found at $shot" >&2; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
./bin/entraidectl demo --data "$data" --households 2000 --months 12 --seed 4 >/dev/null
# A few of today's check-ins, so the counter and the day's page are not empty.
for card in $(./bin/entraidectl search --data "$data" --limit 12 e | sed -E 's/.*"card":"([0-9]+)".*/\1/'); do
  ./bin/entraidectl checkin --data "$data" --card "$card" >/dev/null 2>&1 || true
done
mkdir -p docs
app=(./bin/entraide --data "$data")

# Check-in: a name typed without accents, Enter opens the household.
"$shot" -w 4 -a 'type lefevre' -a 'key Return' docs/accueil.png -- "${app[@]}"
# Households: the list, and a household's form opened from it.
"$shot" -w 4 -a 'key ctrl+2' -a 'type silva' -a 'key Down' -a 'key space' docs/foyer.png -- "${app[@]}"
# Registration: a new household being typed.
"$shot" -w 4 -a 'key ctrl+n' -a 'type Benali' -a 'key Tab' -a 'type Nadia' -a 'key Tab' -a 'type 1984' docs/inscription.png -- "${app[@]}"
# Today: the day's distributions per site.
"$shot" -w 4 -a 'key ctrl+3' -a 'key ctrl+3' docs/aujourdhui.png -- "${app[@]}"
# First start: the short setup, in an empty folder.
fresh=$(mktemp -d)
"$shot" -w 4 -a 'type Entraide' docs/premier-demarrage.png -- ./bin/entraide --data "$fresh"
rm -rf "$fresh"
echo "screenshots in docs/"
