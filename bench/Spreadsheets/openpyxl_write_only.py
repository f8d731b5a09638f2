"""The same 100,000 x 10 sheet as the C# streaming writer, with openpyxl in write-only mode; prints seconds, peak memory (KB) and CPU seconds."""
import sys, time
from openpyxl import Workbook

rows, path = int(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
wb = Workbook(write_only=True)
ws = wb.create_sheet("Data")
ws.append(["Id", "Item", "A", "B", "C", "D", "E", "F", "G", "Total"])
for i in range(1, rows + 1):
    r = i + 1
    ws.append([i, "Item %d" % (i % 1000), i * 0.5, i * 0.25, i % 97, i % 13 + 0.5, i * 1.5, (i % 7) * 2.0, i % 101, "=SUM(C%d:I%d)" % (r, r)])
wb.save(path)
seconds = time.perf_counter() - start
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print("%.3f %d %.3f" % (seconds, peak, time.process_time()))
