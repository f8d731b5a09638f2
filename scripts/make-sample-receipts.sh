#!/usr/bin/env bash
# Makes samples/Receipts: text and CSV receipts, PDFs (LibreOffice from text), PNG images rendered for real
# (LibreOffice → PDF → pdftoppm) so tesseract reads them, and one unreadable image (noise) that must be listed for review.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/samples/Receipts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

cat > "$out/cafe-lumiere.txt" <<'R'
Café Lumière
12 Rue des Fleurs, Lyon
Date: 2024-03-04 08:42
2 x Cappuccino          7.00
1 x Croissant           2.50
TOTAL EUR               9.50
Merci !
R

cat > "$out/city-taxi.txt" <<'R'
CITY TAXI CO.
Receipt no. 4471
05/03/2024  22:10
Airport -> Hotel
Fare        21.00
Tip          2.40
Total: €23.40
R

cat > "$out/card-export.csv" <<'R'
date,merchant,amount,currency
2024-04-10,Cloud Storage Inc,9.99,EUR
2024-04-15,Bistro Central,38.60,EUR
2024-03-20,Parking Garage Nord,12.00,EUR
R

cat > "$work/hotel-bellevue.txt" <<'R'
Hotel Bellevue
Invoice 2024-117
Date 2024-03-05
1 night, single room     165.00
City tax                   4.00
Breakfast                 20.00
Total due: 189.00 EUR
R

cat > "$work/paper-and-co.txt" <<'R'
PAPER & CO OFFICE SUPPLIES
2 April 2024
Printer paper A4 x5      32.50
Pens (box)                13.30
TOTAL                     45.80 EUR
R

cat > "$work/national-rail.txt" <<'R'
NATIONAL RAIL
Ticket receipt
Date: 12/04/2024
London -> Cambridge, return
Amount paid: GBP 54.20
R

soffice -env:UserInstallation=file://$work/profile --headless --convert-to pdf --outdir "$work" \
  "$work/hotel-bellevue.txt" "$work/paper-and-co.txt" "$work/national-rail.txt" >/dev/null 2>&1
cp "$work/hotel-bellevue.pdf" "$out/hotel-bellevue.pdf"
for name in paper-and-co national-rail; do
  pdftoppm -png -r 150 -f 1 -l 1 -singlefile "$work/$name.pdf" "$work/$name"
  cp "$work/$name.png" "$out/$name.png"
done

# An unreadable receipt: a photo that is only noise.
/usr/bin/python3 - "$out/blurry-photo.png" <<'PY'
import random, struct, sys, zlib
random.seed(7)
w, h = 240, 320
rows = b"".join(b"\x00" + bytes(random.randrange(90, 170) for _ in range(w)) for _ in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
ls -la "$out"
