"""Generates sales.csv: a year (2025) of orders, deterministic (seeded), with four planted revenue outliers.

Run with any Python 3: python3 make_sales.py > sales.csv
"""
import random
import datetime

random.seed(20250101)
regions = {"North": 1.0, "South": 0.8, "East": 1.2, "West": 0.9}
products = {"Widget": 12.50, "Gadget": 40.00, "Gizmo": 95.00, "Doohickey": 7.25}
print("order_id,order_date,region,product,units,unit_price,revenue")
order = 1000
day = datetime.date(2025, 1, 1)
planted = {"2025-03-14": 40, "2025-06-30": 35, "2025-09-02": 50, "2025-11-21": 45}
while day.year == 2025:
    # More orders as the year goes on (a trend) and in December (a season).
    orders = 4 + day.month // 3 + (3 if day.month == 12 else 0)
    for _ in range(orders):
        order += 1
        region = random.choice(list(regions))
        product = random.choice(list(products))
        units = max(1, int(random.gauss(8, 3) * regions[region]))
        key = day.isoformat()
        if key in planted and _ == 0:
            units = planted[key] * 10
        price = products[product]
        print(f"{order},{key},{region},{product},{units},{price:.2f},{units * price:.2f}")
    day += datetime.timedelta(days=1)
