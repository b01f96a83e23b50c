#!/usr/bin/env bash
# Builds entraidectl at each past schema's last commit and makes an association and a CCAS
# data folder with it, plus the exchange files that version writes.
set -uo pipefail
repo=/work/main
out=/tmp/golden-old
rm -rf "$out"; mkdir -p "$out"
i=0
for spec in 2:8cef2e8 3:e14eb17 4:763e76b 5:202d834 6:1a08f8b 7:fe80eeb; do
  schema=${spec%%:*}; commit=${spec#*:}
  wt=/tmp/old-wt-$schema
  rm -rf "$wt"; git -C $repo worktree add -f -q "$wt" "$commit" || exit 1
  (cd "$wt" && CGO_ENABLED=0 go build -tags migrated_fynedo -o /tmp/old-ctl-$schema ./cmd/entraidectl) || { echo "build $commit failed"; exit 1; }
  ctl=/tmp/old-ctl-$schema
  d="$out/schema-$schema"; mkdir -p "$d/files"
  name="Les Amis du Pile"
  $ctl init --data "$d/association" --name "$name" >/dev/null || echo "init failed $schema"
  $ctl demo --data "$d/association" --households 25 --months 3 --seed 7 --until 2026-10-31 >/dev/null || echo "demo failed $schema"
  if [ "$schema" -ge 3 ]; then
    $ctl init --data "$d/ccas" --name "CCAS de Roubaix" --mode ccas >/dev/null || echo "ccas init failed"
    $ctl invite --data "$d/ccas" --association "$name" --out "$d/files/invitation.json" --from 2026-08 >/dev/null || echo "invite failed"
    $ctl join --data "$d/association" --invitation "$d/files/invitation.json" >/dev/null || echo "join failed"
    echo "abricot balcon cerise dauphin" | $ctl passphrase --data "$d/association" >/dev/null || echo "passphrase failed"
    $ctl report --data "$d/association" --month 2026-10 --out "$d/files/monthly-report.json" >/dev/null || echo "report failed"
    if [ "$schema" -ge 4 ]; then
      $ctl listing --data "$d/association" --out "$d/files/listing.json" >/dev/null || echo "listing failed"
    fi
    $ctl import --data "$d/ccas" "$d/files/monthly-report.json" $( [ -f "$d/files/listing.json" ] && echo "$d/files/listing.json") >/dev/null || echo "import failed"
    if [ "$schema" -ge 4 ]; then
      $ctl directory publish --data "$d/ccas" --out "$d/files/directory.json" >/dev/null || echo "publish failed"
      $ctl import --data "$d/association" "$d/files/directory.json" >/dev/null || echo "directory import failed"
    fi
  fi
  git -C $repo worktree remove -f "$wt"
  echo "schema $schema ($commit) done"; ls -la "$d"/* | head -20
done
