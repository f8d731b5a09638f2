namespace Cowork.Data.Tests;

/// <summary>
/// Fisher's iris measurements (150 flowers, 3 species), a small real public dataset: the profile, per-species
/// aggregates, correlation and outliers agree with pandas on the same committed file.
/// </summary>
/// <remarks>Datasets/iris.csv is scikit-learn's copy (Debian's python3-sklearn), with named columns and species names.</remarks>
public sealed class IrisTests
{
    private static readonly string Iris = Path.Combine(TestFiles.Repository, "tests", "Cowork.Data.Tests", "Datasets", "iris.csv");
    private static readonly string[] Measures = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"];

    [SkippableFact]
    public void The_profile_species_aggregates_correlation_and_outliers_agree_with_pandas()
    {
        var expected = TestFiles.Pandas($$$"""
            d = pd.read_csv({{{TestFiles.Quote(Iris)}}})
            m = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]
            out = {"describe": {c: {k: float(v) for k, v in d[c].describe().items()} for c in m}}
            g = d.groupby("species")["petal_length_cm"]
            out["groups"] = {k: {"mean": float(g.mean()[k]), "std": float(g.std()[k]), "median": float(g.median()[k]), "count": int(g.count()[k])} for k in g.mean().index}
            out["corr"] = {c: {r: float(v) for r, v in d[m].corr()[c].items()} for c in m}
            s = d.sepal_width_cm; q1, q3 = s.quantile(.25), s.quantile(.75); i = q3 - q1
            out["outliers"] = sorted(int(x) for x in d[(s < q1 - 1.5 * i) | (s > q3 + 1.5 * i)].id)
            print(json.dumps(out))
            """);
        var data = TestFiles.Open(Iris);

        var profile = Profiler.Profile(data);
        Assert.Equal(150, profile.Rows);
        foreach (var name in Measures)
        {
            var column = profile.Columns.Single(c => c.Name == name);
            var e = expected.GetProperty("describe").GetProperty(name);
            Assert.Equal(e.GetProperty("count").GetDouble(), column.Count);
            Assert.Equal(e.GetProperty("mean").GetDouble(), column.Mean!.Value, 1e-9);
            Assert.Equal(e.GetProperty("std").GetDouble(), column.Std!.Value, 1e-9);
            Assert.Equal(e.GetProperty("25%").GetDouble(), column.Q1!.Value, 1e-9);
            Assert.Equal(e.GetProperty("50%").GetDouble(), column.Median!.Value, 1e-9);
            Assert.Equal(e.GetProperty("75%").GetDouble(), column.Q3!.Value, 1e-9);
        }

        var species = profile.Columns.Single(c => c.Name == "species");
        Assert.Equal(3, species.Distinct);

        var grouped = GroupBy.Aggregate(data, ["species"], "petal_length_cm", ["mean", "std", "median", "count"]);
        Assert.Equal(3, grouped.Table.Rows.Count);
        foreach (var row in grouped.Table.Rows)
        {
            var e = expected.GetProperty("groups").GetProperty((string)row[0]!);
            Assert.Equal(e.GetProperty("mean").GetDouble(), ResultTable.Number(row[1]), 1e-9);
            Assert.Equal(e.GetProperty("std").GetDouble(), ResultTable.Number(row[2]), 1e-9);
            Assert.Equal(e.GetProperty("median").GetDouble(), ResultTable.Number(row[3]), 1e-9);
            Assert.Equal(e.GetProperty("count").GetDouble(), ResultTable.Number(row[4]), 1e-9);
        }

        var correlation = Correlation.Matrix(data, Measures);
        foreach (var row in correlation.Table.Rows)
        {
            for (var i = 1; i <= Measures.Length; i++)
            {
                Assert.Equal(expected.GetProperty("corr").GetProperty(correlation.Table.Columns[i]).GetProperty((string)row[0]!).GetDouble(), ResultTable.Number(row[i]), 1e-9);
            }
        }

        // Sepal width has the classic four IQR outliers (three wide setosas and one narrow versicolor), named by id.
        var outliers = Outliers.Find(data, "sepal_width_cm", "iqr");
        var ids = expected.GetProperty("outliers").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids, outliers.Table.Rows.Select(r => int.Parse(((string)r[0]!)["id=".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order());
    }
}
