using System.Text.Json;

namespace Cowork.Data.Tests;

/// <summary>Every statistic against pandas (Debian's python3-pandas) on the same file: the committed sales sample and a generated 60,000-row file with gaps.</summary>
public sealed class PandasAgreementTests
{
    private const double Tolerance = 1e-9;

    [SkippableFact]
    public void Describe_matches_pandas()
    {
        var path = Generated();
        var expected = TestFiles.Pandas($$"""
            d = pd.read_csv({{TestFiles.Quote(path)}})
            out = {}
            for c in ["units", "price", "score"]:
                s = d[c].describe()
                out[c] = {k: float(v) for k, v in s.items()} | {"nulls": int(d[c].isna().sum()), "sum": float(d[c].sum()), "skew": float(d[c].skew()), "kurt": float(d[c].kurt()), "distinct": int(d[c].nunique())}
            out["region"] = {"distinct": int(d.region.nunique()), "top": d.region.value_counts().to_dict()}
            print(json.dumps(out))
            """);
        var profile = Profiler.Profile(TestFiles.Open(path));
        foreach (var name in new[] { "units", "price", "score" })
        {
            var c = profile.Columns.Single(p => p.Name == name);
            var e = expected.GetProperty(name);
            Assert.Equal(e.GetProperty("count").GetDouble(), c.Count);
            Assert.Equal(e.GetProperty("nulls").GetInt64(), c.Nulls);
            Close(e, "mean", c.Mean);
            Close(e, "std", c.Std);
            Close(e, "min", double.Parse(c.Min!, System.Globalization.CultureInfo.InvariantCulture));
            Close(e, "25%", c.Q1);
            Close(e, "50%", c.Median);
            Close(e, "75%", c.Q3);
            Close(e, "max", double.Parse(c.Max!, System.Globalization.CultureInfo.InvariantCulture));
            Close(e, "sum", c.Sum);
            Close(e, "skew", c.Skewness, 1e-7);
            Close(e, "kurt", c.Kurtosis, 1e-7);
            Assert.True(c.QuantilesExact);
            Assert.Equal(e.GetProperty("distinct").GetInt64(), c.Distinct);
        }

        var region = profile.Columns.Single(p => p.Name == "region");
        foreach (var top in expected.GetProperty("region").GetProperty("top").EnumerateObject())
        {
            Assert.Equal(top.Value.GetInt64(), region.Top.Single(t => t.Key == top.Name).Value);
        }
    }

    [SkippableTheory]
    [InlineData("iqr", "q1, q3 = s.quantile(.25), s.quantile(.75); i = q3 - q1; m = (s < q1 - 1.5 * i) | (s > q3 + 1.5 * i)")]
    [InlineData("zscore", "m = ((s - s.mean()) / s.std()).abs() > 3")]
    [InlineData("mad", "med = s.median(); mad = (s - med).abs().median(); m = (0.6745 * (s - med) / mad).abs() > 3.5")]
    public void Outliers_name_the_same_rows_as_pandas(string method, string rule)
    {
        var expected = TestFiles.Pandas($$"""
            d = pd.read_csv({{TestFiles.Quote(TestFiles.SalesCsv)}})
            s = d.revenue
            {{rule}}
            print(json.dumps(sorted(int(x) for x in d[m].order_id)))
            """);
        var result = Outliers.Find(TestFiles.Open(TestFiles.SalesCsv), "revenue", method);
        var ids = expected.EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.NotEmpty(ids);
        Assert.Contains($"{ids.Count:N0} outliers", result.Findings[0], StringComparison.Ordinal);
        var named = result.Table.Rows.Select(r => int.Parse(((string)r[0]!)["order_id=".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(named, id => Assert.Contains(id, ids));
        Assert.Equal(Math.Min(50, ids.Count), named.Count);
        Assert.Contains(2256, named); // the largest planted order
    }

    [SkippableFact]
    public void Outliers_per_group_match_pandas_groupwise_quartiles()
    {
        var expected = TestFiles.Pandas($$"""
            d = pd.read_csv({{TestFiles.Quote(TestFiles.SalesCsv)}})
            def flag(g):
                q1, q3 = g.revenue.quantile(.25), g.revenue.quantile(.75); i = q3 - q1
                return g[(g.revenue < q1 - 1.5 * i) | (g.revenue > q3 + 1.5 * i)]
            print(json.dumps(sorted(int(x) for x in d.groupby("product", group_keys=False).apply(flag).order_id)))
            """);
        var result = Outliers.Find(TestFiles.Open(TestFiles.SalesCsv), "revenue", "iqr", groupBy: "product");
        var ids = expected.EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Contains($"{ids.Count:N0} outliers", result.Findings[0], StringComparison.Ordinal);
        Assert.All(result.Table.Rows, r => Assert.Contains(int.Parse(((string)r[0]!)["order_id=".Length..], System.Globalization.CultureInfo.InvariantCulture), ids));
    }

    [SkippableFact]
    public void Group_by_and_crosstab_match_pandas()
    {
        var expected = TestFiles.Pandas($$"""
            d = pd.read_csv({{TestFiles.Quote(TestFiles.SalesCsv)}}, parse_dates=["order_date"])
            g = d.groupby("region").revenue.agg(["sum", "mean", "count", "min", "max", "std", "median"])
            p = pd.pivot_table(d, index="region", columns=d.order_date.dt.strftime("%Y-%m"), values="revenue", aggfunc="sum")
            c = pd.crosstab(d["region"], d["product"], normalize="index") * 100
            print(json.dumps({"g": g.to_dict(orient="index"), "p": p.to_dict(orient="index"), "c": c.to_dict(orient="index")}))
            """);
        var data = TestFiles.Open(TestFiles.SalesCsv);
        var grouped = GroupBy.Aggregate(data, ["region"], "revenue", ["sum", "mean", "count", "min", "max", "std", "median"]);
        Assert.Equal(4, grouped.Table.Rows.Count);
        foreach (var row in grouped.Table.Rows)
        {
            var e = expected.GetProperty("g").GetProperty((string)row[0]!);
            var i = 1;
            foreach (var name in new[] { "sum", "mean", "count", "min", "max", "std", "median" })
            {
                Close(e, name, ResultTable.Number(row[i++]));
            }
        }

        var pivot = GroupBy.CrossTab(data, "region", "month(order_date)", "revenue", "sum", null);
        Assert.Equal(13 + 1, pivot.Table.Columns.Count);
        foreach (var row in pivot.Table.Rows.SkipLast(1))
        {
            var e = expected.GetProperty("p").GetProperty((string)row[0]!);
            for (var i = 1; i < pivot.Table.Columns.Count - 1; i++)
            {
                Close(e, pivot.Table.Columns[i], ResultTable.Number(row[i]), 1e-6);
            }

            Close(expected.GetProperty("g").GetProperty((string)row[0]!), "sum", ResultTable.Number(row[^1]), 1e-9);
        }

        Assert.Equal(681953.25, ResultTable.Number(pivot.Table.Rows[^1][^1]), 6);

        Assert.Equal(new PivotDefinition("region", "month(order_date)", "revenue", "sum", ["East", "North", "South", "West"],
            [.. Enumerable.Range(1, 12).Select(m => $"2025-{m:00}")]).ColumnKeys, pivot.Pivot!.ColumnKeys);

        var shares = GroupBy.CrossTab(data, "region", "product", null, "count", "row");
        foreach (var row in shares.Table.Rows.SkipLast(1))
        {
            var e = expected.GetProperty("c").GetProperty((string)row[0]!);
            for (var i = 1; i < shares.Table.Columns.Count - 1; i++)
            {
                Close(e, shares.Table.Columns[i], ResultTable.Number(row[i]));
            }

            Assert.Equal(100, ResultTable.Number(row[^1]), 9);
        }
    }

    [SkippableFact]
    public void Correlation_time_series_and_top_n_match_pandas()
    {
        var path = Generated();
        var expected = TestFiles.Pandas($$"""
            d = pd.read_csv({{TestFiles.Quote(path)}}, parse_dates=["day"])
            corr = d[["units", "price", "score"]].corr()
            rank = d[["units", "price", "score"]].corr(method="spearman")
            m = d.set_index("day").resample("MS").price.sum()
            w = d.groupby(d.day.dt.to_period("W-SUN")).price.mean()
            ma = m.rolling(3).mean()
            pct = m.pct_change() * 100
            print(json.dumps({"corr": corr.to_dict(), "rank": rank.to_dict(), "month": [float(v) for v in m], "ma": [None if np.isnan(v) else float(v) for v in ma],
                "pct": [None if np.isnan(v) else float(v) for v in pct], "week": [float(v) for v in w],
                "week_start": [str(p.start_time.date()) for p in w.index], "top": [int(x) for x in d.nlargest(7, "price").id]}))
            """);
        var data = TestFiles.Open(path);
        var corr = Correlation.Matrix(data, ["units", "price", "score"]);
        foreach (var row in corr.Table.Rows)
        {
            for (var i = 1; i < 4; i++)
            {
                Close(expected.GetProperty("corr").GetProperty(corr.Table.Columns[i]), (string)row[0]!, ResultTable.Number(row[i]), 1e-9);
            }
        }

        // Spearman: ranks with ties averaged (units has many), pairwise over the rows where both are present.
        var rank = Correlation.Matrix(data, ["units", "price", "score"], method: "spearman");
        Assert.Equal("Correlations (Spearman)", rank.Title);
        foreach (var row in rank.Table.Rows)
        {
            for (var i = 1; i < 4; i++)
            {
                Close(expected.GetProperty("rank").GetProperty(rank.Table.Columns[i]), (string)row[0]!, ResultTable.Number(row[i]), 1e-9);
            }
        }

        var monthly = TimeSeries.Resample(data, "day", "price", "month", "sum", 3);
        Assert.Equal(expected.GetProperty("month").GetArrayLength(), monthly.Table.Rows.Count);
        for (var i = 0; i < monthly.Table.Rows.Count; i++)
        {
            Assert.Equal(expected.GetProperty("month")[i].GetDouble(), ResultTable.Number(monthly.Table.Rows[i][1]), 1e-6);
            NullOrClose(expected.GetProperty("ma")[i], ResultTable.Number(monthly.Table.Rows[i][2]));
            NullOrClose(expected.GetProperty("pct")[i], ResultTable.Number(monthly.Table.Rows[i][3]));
        }

        var weekly = TimeSeries.Resample(data, "day", "price", "week", "mean", 3);
        Assert.Equal(expected.GetProperty("week_start").EnumerateArray().Select(e => e.GetString()), weekly.Table.Rows.Select(r => (string?)r[0]));
        for (var i = 0; i < weekly.Table.Rows.Count; i++)
        {
            Assert.Equal(expected.GetProperty("week")[i].GetDouble(), ResultTable.Number(weekly.Table.Rows[i][1]), 1e-9);
        }

        var top = TopRows.Find(data, "price", 7, smallest: false);
        Assert.Equal(expected.GetProperty("top").EnumerateArray().Select(e => $"id={e.GetInt32()}"), top.Table.Rows.Select(r => (string?)r[0]));
    }

    private static string Generated() => TestFiles.Orders(TestFiles.TempFolder(), 60_000);

    private static void NullOrClose(JsonElement expected, double actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(double.IsNaN(actual), $"expected no value, got {actual}");
        }
        else
        {
            Assert.Equal(expected.GetDouble(), actual, 1e-6);
        }
    }

    private static void Close(JsonElement expected, string name, double? actual, double relative = Tolerance)
    {
        var e = expected.GetProperty(name).GetDouble();
        Assert.NotNull(actual);
        Assert.True(Math.Abs(e - actual!.Value) <= relative * Math.Max(1, Math.Abs(e)), $"{name}: pandas {e}, ours {actual}");
    }
}
