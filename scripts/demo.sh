#!/usr/bin/env bash
# Runs Cowork's main job offline on a fresh copy of the bundled sample files:
# "Organize my Downloads folder by type and date". The repository's own files are never touched.
# Usage: scripts/demo.sh [WORK_DIR]   (default: a new temporary folder)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-$(mktemp -d "${TMPDIR:-/tmp}/cowork-demo.XXXXXX")}
mkdir -p "$work"
rm -rf "$work/Downloads"
cp -R "$root/samples/Downloads" "$work/Downloads"
# Git does not keep modification times; give the files without a date in their name a plausible one.
while read -r stamp name; do
  touch -d "$stamp" "$work/Downloads/$name"
done <<'DATES'
2024-02-19T09:30 ideas.md
2024-03-04T17:05 meeting-notes.txt
2024-04-30T11:20 report-final-v2.docx
2024-01-08T08:45 budget_2024.xlsx
2024-02-12T14:10 data export.csv
2023-12-28T22:01 cleanup.py
2024-05-17T10:00 logo.svg
2023-09-03T19:42 photos-backup.zip
2024-06-01T12:00 unknown-file.xyz
DATES
export COWORK_HOME="${COWORK_HOME:-$work/cowork-home}"

echo "Sample files copied to $work/Downloads"
dotnet build "$root/src/Cowork.Cli" -c Release -v quiet -nologo -clp:ErrorsOnly >/dev/null
dotnet "$root/src/Cowork.Cli/bin/Release/net10.0/cowork.dll" run \
  "Organize my Downloads folder by type and date" --folder "$work/Downloads" --yes
echo
echo "Result:"
(cd "$work/Downloads" && find . -path ./Projects -prune -o -type f -print | sort)
