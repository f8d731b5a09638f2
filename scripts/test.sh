#!/usr/bin/env bash
# Installs what the tests need (Debian packages, when run as root) and runs every test.
# Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Debian packages the tests use. Features that call external tools add theirs here
# (their tests skip outside CI when a tool is missing, and fail in CI).
packages=(bubblewrap libreoffice-calc libreoffice-writer libreoffice-impress poppler-utils tesseract-ocr tesseract-ocr-eng
  python3-pandas python3-openpyxl fonts-dejavu-core fonts-liberation2)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} …"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Cowork.slnx -c Release -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one "Passed!/Failed! - Failed: a, Passed: b, Skipped: c" line per test assembly.
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { f += $2; p += $4; s += $6; n++ }
  END { if (n == 0) { print "0 passed, 0 failed"; exit } printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
