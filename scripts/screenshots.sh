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
# A small screen: 1366×768 with the text at 150 %, a household open.
"$shot" -s 1366x768 -w 4 -a 'type dupont' -a 'key Return' docs/petit-ecran.png -- env FYNE_SCALE=1.5 "${app[@]}"
# Registration: a new household being typed.
"$shot" -w 4 -a 'key ctrl+n' -a 'type Benali' -a 'key Tab' -a 'type Nadia' -a 'key Tab' -a 'type 1984' docs/inscription.png -- "${app[@]}"
# A probable duplicate flagged while typing: a person registered, typed again with the
# day and month swapped.
printf 'Nom;Prénom;Date de naissance\nLecomte;Jeanne;04/08/1957\n' > "$data/une-personne.csv"
./bin/entraidectl households import --data "$data" "$data/une-personne.csv" >/dev/null
"$shot" -s 1366x768 -w 4 -a 'key ctrl+n' -a 'type Lecomte' -a 'key Tab' -a 'type Jeanne' -a 'key Tab' -a 'type 08/04/1957' -a 'sleep 1' docs/doublon.png -- "${app[@]}"
# Today: the day's distributions per site.
"$shot" -w 4 -a 'key ctrl+3' -a 'key ctrl+3' docs/aujourdhui.png -- "${app[@]}"
# First start: the short setup, in an empty folder.
fresh=$(mktemp -d)
"$shot" -w 4 -a 'type Entraide' docs/premier-demarrage.png -- ./bin/entraide --data "$fresh"
rm -rf "$fresh"
# Accounts: the log-in screen of a folder where a manager and a volunteer have accounts.
accounts=$(mktemp -d)
cp "$data/entraide.db" "$accounts/"
echo 4711 | ./bin/entraidectl user add --data "$accounts" --name Josiane --role manager >/dev/null
echo 2468 | ./bin/entraidectl user add --data "$accounts" --name Bernard --role volunteer >/dev/null
"$shot" -w 4 docs/connexion.png -- ./bin/entraide --data "$accounts"
rm -rf "$accounts"
# The network: a CCAS, three associations with a year of reports.
net=$(mktemp -d)
ctl=./bin/entraidectl
$ctl init --data "$net/ccas" --name "CCAS de Roubaix" --mode ccas --network "Réseau d'aide alimentaire de Roubaix" >/dev/null
from=$(date -d "$(date +%Y-%m-01) -12 months" +%Y-%m)
seed=10
for name in "Les Amis du Pile" "Resto de l'Alma" "Épicerie solidaire de l'Épeule"; do
  seed=$((seed + 1))
  $ctl invite --data "$net/ccas" --association "$name" --from "$from" --out "$net/invitation-$seed.json" >/dev/null
  $ctl init --data "$net/a$seed" --name "$name" --site "Local principal" >/dev/null
  $ctl demo --data "$net/a$seed" --households 500 --months 14 --seed $seed >/dev/null
  $ctl join --data "$net/a$seed" --invitation "$net/invitation-$seed.json" >/dev/null
  echo "abricot balcon cerise dauphin escargot" | $ctl passphrase --data "$net/a$seed" >/dev/null
  mkdir -p "$net/reports"
  for i in $(seq 1 12); do
    month=$(date -d "$(date +%Y-%m-01) -$i months" +%Y-%m)
    $ctl report --data "$net/a$seed" --month "$month" --out "$net/reports/$seed-$month.json" >/dev/null
  done
done
$ctl import --data "$net/ccas" "$net/reports" >/dev/null
for a in "$net"/a1?; do $ctl listing --data "$a" --out "$a/fiche.json" --room 25 --accessible >/dev/null; $ctl import --data "$net/ccas" "$a/fiche.json" >/dev/null; done
# Next year's meetings (the first with its agenda) and a donation kept, sent with the
# directory: the associations read them on their Réseau tab.
year=$(( $(date +%Y) + 1 ))
$ctl meeting plan --data "$net/ccas" --year "$year" --save >/dev/null
first=$($ctl meeting list --data "$net/ccas" | head -1 | sed -E 's/.*"date":"([0-9-]+)".*/\1/')
$ctl meeting agenda --data "$net/ccas" --id "$first" --add "Bilan des distributions de l'hiver" --by CCAS --minutes 20 >/dev/null
$ctl meeting agenda --data "$net/ccas" --id "$first" --add "Collecte nationale de printemps : qui tient quel magasin" --by "Les Amis du Pile" --minutes 30 >/dev/null
$ctl donation split --data "$net/ccas" --quantity 400 --basis infants --months 3 --unit paquets \
  --pickup "à retirer le 14 décembre au CCAS" --save "Couches taille 3" >/dev/null
$ctl directory publish --data "$net/ccas" --out "$net/annuaire.json" >/dev/null
$ctl import --data "$net/a11" "$net/annuaire.json" >/dev/null
"$shot" -w 5 docs/ccas-tableau-de-bord.png -- ./bin/entraide --data "$net/ccas"
"$shot" -s 1366x768 -w 5 -a 'key ctrl+5' -a 'type Couches taille 4' -a 'key Tab' -a 'type 400' -a 'key Return' docs/dons.png -- ./bin/entraide --data "$net/ccas"
"$shot" -s 1366x768 -w 5 -a 'key ctrl+6' docs/reunions.png -- ./bin/entraide --data "$net/ccas"
"$shot" -s 1024x600 -w 5 -a 'key ctrl+7' docs/reseau.png -- ./bin/entraide --data "$net/a11"
"$shot" -w 5 -a 'key ctrl+4' docs/rapport.png -- ./bin/entraide --data "$net/a11"
"$shot" -w 5 -a 'key ctrl+5' docs/fiche.png -- ./bin/entraide --data "$net/a11"
"$shot" -w 5 -a 'key ctrl+6' docs/annuaire.png -- ./bin/entraide --data "$net/a11"
rm -rf "$net"
echo "screenshots in docs/"
