namespace Cowork.Documents;

/// <summary>The functions the evaluator supports, each as Excel and LibreOffice compute it.</summary>
internal static class FormulaFunctions
{
    /// <summary>Functions newer than Excel 2007: stored with the _xlfn. prefix.</summary>
    public static readonly IReadOnlySet<string> Newer = new HashSet<string>(StringComparer.Ordinal) { "CONCAT", "IFS", "MAXIFS", "MINIFS", "IFNA" };

    public static readonly IReadOnlySet<string> Supported = new SortedSet<string>(StringComparer.Ordinal)
    {
        "SUM", "AVERAGE", "MIN", "MAX", "COUNT", "COUNTA", "COUNTBLANK", "PRODUCT",
        "SUMIF", "COUNTIF", "AVERAGEIF", "SUMIFS", "COUNTIFS", "AVERAGEIFS", "MAXIFS", "MINIFS",
        "IF", "IFS", "IFERROR", "IFNA", "AND", "OR", "NOT", "ISBLANK", "ISNUMBER", "ISTEXT", "ISERROR",
        "VLOOKUP", "HLOOKUP", "INDEX", "MATCH",
        "ROUND", "ROUNDUP", "ROUNDDOWN", "ABS", "INT", "MOD", "POWER", "SQRT",
        "TEXT", "CONCATENATE", "CONCAT", "LEFT", "RIGHT", "MID", "LEN", "UPPER", "LOWER", "TRIM", "VALUE",
        "DATE", "YEAR", "MONTH", "DAY", "EOMONTH", "EDATE", "WEEKDAY",
    };

    public static object? Call(FormulaEvaluator ev, FormulaNode.Call call, string sheet)
    {
        var args = call.Arguments;
        object? Arg(int i) => i < args.Count ? ev.Eval(args[i], sheet) : null;
        object? ScalarArg(int i) => ev.Scalar(Arg(i));
        Arity(call, Min(call.Function), Max(call.Function));
        switch (call.Function)
        {
            case "SUM":
                return Aggregate(ev, args, sheet, values => values.Sum());
            case "PRODUCT":
                return Aggregate(ev, args, sheet, values => values.Aggregate(1d, (a, b) => a * b));
            case "AVERAGE":
                return Aggregate(ev, args, sheet, values => values.Count == 0 ? FormulaError.Div0 : values.Average());
            case "MIN":
                return Aggregate(ev, args, sheet, values => values.Count == 0 ? 0d : values.Min());
            case "MAX":
                return Aggregate(ev, args, sheet, values => values.Count == 0 ? 0d : values.Max());
            case "COUNT":
                return (double)args.SelectMany(a => ev.Values(ev.Eval(a, sheet))).Count(v => v is double);
            case "COUNTA":
                return (double)args.SelectMany(a => ev.Values(ev.Eval(a, sheet))).Count(v => v is not null);
            case "COUNTBLANK":
                {
                    if (Arg(0) is not RangeValue range)
                    {
                        return FormulaError.Value;
                    }

                    var filled = ev.Values(range).Count(v => v is not null and not string { Length: 0 });
                    return (double)((range.Range.Rows * (long)range.Range.Columns) - filled);
                }

            case "SUMIF":
                return IfsAggregate(ev, args.Count == 3 ? Arg(2) : Arg(0), [(Arg(0), ScalarArg(1))], Sum);
            case "COUNTIF":
                return IfsAggregate(ev, null, [(Arg(0), ScalarArg(1))], values => (double)values.Count);
            case "AVERAGEIF":
                return IfsAggregate(ev, args.Count == 3 ? Arg(2) : Arg(0), [(Arg(0), ScalarArg(1))], Average);
            case "SUMIFS":
                return IfsAggregate(ev, Arg(0), Pairs(ev, args, sheet, 1), Sum);
            case "AVERAGEIFS":
                return IfsAggregate(ev, Arg(0), Pairs(ev, args, sheet, 1), Average);
            case "MAXIFS":
                return IfsAggregate(ev, Arg(0), Pairs(ev, args, sheet, 1), values => values.Count == 0 ? 0d : values.Max());
            case "MINIFS":
                return IfsAggregate(ev, Arg(0), Pairs(ev, args, sheet, 1), values => values.Count == 0 ? 0d : values.Min());
            case "COUNTIFS":
                return IfsAggregate(ev, null, Pairs(ev, args, sheet, 0), values => (double)values.Count);
            case "IF":
                {
                    var condition = Logical(ScalarArg(0));
                    if (condition is not bool test)
                    {
                        return condition;
                    }

                    return test ? ScalarArg(1) ?? (args.Count > 1 ? 0d : true)
                        : args.Count > 2 ? ScalarArg(2) ?? 0d : false;
                }

            case "IFS":
                for (var i = 0; i + 1 < args.Count; i += 2)
                {
                    var condition = Logical(ScalarArg(i));
                    if (condition is not bool test)
                    {
                        return condition;
                    }

                    if (test)
                    {
                        return ScalarArg(i + 1) ?? 0d;
                    }
                }

                return FormulaError.NA;
            case "IFERROR":
                return ScalarArg(0) is FormulaError ? ScalarArg(1) ?? 0d : ScalarArg(0) ?? 0d;
            case "IFNA":
                return ScalarArg(0) is FormulaError { Code: "#N/A" } ? ScalarArg(1) ?? 0d : ScalarArg(0) ?? 0d;
            case "AND":
            case "OR":
                {
                    var values = new List<bool>();
                    foreach (var arg in args)
                    {
                        var value = ev.Eval(arg, sheet);
                        foreach (var item in ev.Values(value))
                        {
                            switch (item)
                            {
                                case FormulaError e:
                                    return e;
                                case bool b:
                                    values.Add(b);
                                    break;
                                case double d:
                                    values.Add(d != 0);
                                    break;
                                case string s when value is not RangeValue:
                                    if (!bool.TryParse(s, out var logical))
                                    {
                                        return FormulaError.Value;
                                    }

                                    values.Add(logical);
                                    break;
                            }
                        }
                    }

                    return values.Count == 0 ? FormulaError.Value : call.Function == "AND" ? values.All(v => v) : values.Any(v => v);
                }

            case "NOT":
                return Logical(ScalarArg(0)) is bool not ? !not : Logical(ScalarArg(0));
            case "ISBLANK":
                return ScalarArg(0) is null;
            case "ISNUMBER":
                return ScalarArg(0) is double;
            case "ISTEXT":
                return ScalarArg(0) is string;
            case "ISERROR":
                return ScalarArg(0) is FormulaError;
            case "VLOOKUP":
            case "HLOOKUP":
                return Lookup(ev, ScalarArg(0), Arg(1), ScalarArg(2), args.Count > 3 ? ScalarArg(3) : true, vertical: call.Function == "VLOOKUP");
            case "INDEX":
                return Index(ev, Arg(0), ScalarArg(1), args.Count > 2 ? ScalarArg(2) : null);
            case "MATCH":
                return Match(ev, ScalarArg(0), Arg(1), args.Count > 2 ? ScalarArg(2) : 1d);
            case "ROUND":
            case "ROUNDUP":
            case "ROUNDDOWN":
                return Numbers(ScalarArg(0), args.Count > 1 ? ScalarArg(1) : 0d, (x, digits) => Round(x, digits, call.Function));
            case "ABS":
                return Numbers(ScalarArg(0), 0d, (x, _) => Math.Abs(x));
            case "INT":
                return Numbers(ScalarArg(0), 0d, (x, _) => Math.Floor(x));
            case "SQRT":
                return Numbers(ScalarArg(0), 0d, (x, _) => x < 0 ? FormulaError.Num : Math.Sqrt(x));
            case "POWER":
                return Numbers(ScalarArg(0), ScalarArg(1), (x, y) => Math.Pow(x, y) is var p && double.IsFinite(p) ? p : FormulaError.Num);
            case "MOD":
                return Numbers(ScalarArg(0), ScalarArg(1), (x, y) => y == 0 ? FormulaError.Div0 : x - (y * Math.Floor(x / y)));
            case "TEXT":
                {
                    var format = FormulaEvaluator.Text(ScalarArg(1));
                    if (format is not string pattern)
                    {
                        return format;
                    }

                    var value = ScalarArg(0);
                    return value switch
                    {
                        FormulaError e => e,
                        string s when FormulaEvaluator.Number(s) is not double => s,
                        _ => FormulaEvaluator.Number(value) is double d ? TextFormat.Format(d, pattern) : FormulaError.Value,
                    };
                }

            case "CONCATENATE":
            case "CONCAT":
                {
                    var joined = new System.Text.StringBuilder();
                    foreach (var arg in args)
                    {
                        var value = ev.Eval(arg, sheet);
                        foreach (var item in call.Function == "CONCAT" ? ev.Values(value) : [ev.Scalar(value)])
                        {
                            if (FormulaEvaluator.Text(item) is not string part)
                            {
                                return FormulaEvaluator.Text(item);
                            }

                            joined.Append(part);
                        }
                    }

                    return joined.ToString();
                }

            case "LEFT":
            case "RIGHT":
                return TextWith(ScalarArg(0), args.Count > 1 ? ScalarArg(1) : 1d, (s, n) =>
                    n < 0 ? FormulaError.Value : call.Function == "LEFT" ? s[..Math.Min(s.Length, (int)n)] : s[Math.Max(0, s.Length - (int)n)..]);
            case "MID":
                {
                    if (FormulaEvaluator.Number(ScalarArg(2)) is not double count)
                    {
                        return FormulaEvaluator.Number(ScalarArg(2));
                    }

                    return TextWith(ScalarArg(0), ScalarArg(1), (s, start) =>
                        start < 1 || count < 0 ? FormulaError.Value : start > s.Length ? "" : s.Substring((int)start - 1, Math.Min((int)count, s.Length - ((int)start - 1))));
                }

            case "LEN":
                return TextWith(ScalarArg(0), 0d, (s, _) => (double)s.Length);
            case "UPPER":
                return TextWith(ScalarArg(0), 0d, (s, _) => s.ToUpperInvariant());
            case "LOWER":
                return TextWith(ScalarArg(0), 0d, (s, _) => s.ToLowerInvariant());
            case "TRIM":
                return TextWith(ScalarArg(0), 0d, (s, _) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            case "VALUE":
                return ScalarArg(0) is string text && FormulaEvaluator.Number(text) is double parsed ? parsed
                    : ScalarArg(0) is double number ? number : FormulaError.Value;
            case "DATE":
                {
                    if (FormulaEvaluator.Number(ScalarArg(0)) is not double y || FormulaEvaluator.Number(ScalarArg(1)) is not double m || FormulaEvaluator.Number(ScalarArg(2)) is not double d)
                    {
                        return FormulaError.Value;
                    }

                    var year = (int)y < 1900 ? (int)y + 1900 : (int)y;
                    try
                    {
                        var date = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths((int)m - 1).AddDays((int)d - 1);
                        return SerialDate.From(date);
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        return FormulaError.Num;
                    }
                }

            case "YEAR":
                return DatePart(ScalarArg(0), d => d.Year);
            case "MONTH":
                return DatePart(ScalarArg(0), d => d.Month);
            case "DAY":
                return DatePart(ScalarArg(0), d => d.Day);
            case "WEEKDAY":
                {
                    var type = args.Count > 1 ? FormulaEvaluator.Number(ScalarArg(1)) : 1d;
                    return DatePart(ScalarArg(0), d => type switch
                    {
                        2d => ((int)d.DayOfWeek + 6) % 7 + 1,
                        3d => ((int)d.DayOfWeek + 6) % 7,
                        _ => (int)d.DayOfWeek + 1,
                    });
                }

            case "EOMONTH":
            case "EDATE":
                {
                    if (FormulaEvaluator.Number(ScalarArg(1)) is not double months)
                    {
                        return FormulaError.Value;
                    }

                    if (FormulaEvaluator.Number(ScalarArg(0)) is not double serial || SerialDate.To(serial) is not DateTime start)
                    {
                        return FormulaError.Value;
                    }

                    var shifted = start.Date.AddMonths((int)months);
                    return SerialDate.From(call.Function == "EDATE" ? shifted : new DateTime(shifted.Year, shifted.Month, DateTime.DaysInMonth(shifted.Year, shifted.Month), 0, 0, 0, DateTimeKind.Unspecified));
                }

            default:
                throw new FormulaException($"it uses {call.Function}, which Cowork cannot calculate. Supported functions: {string.Join(", ", Supported)}");
        }
    }

    private static int Min(string function) => function switch
    {
        "SUMIF" or "COUNTIF" or "AVERAGEIF" or "COUNTIFS" or "IFERROR" or "IFNA" or "INDEX" or "MATCH" or "POWER" or "MOD" or "TEXT" or "IFS" or "EOMONTH" or "EDATE" => 2,
        "SUMIFS" or "AVERAGEIFS" or "MAXIFS" or "MINIFS" or "VLOOKUP" or "HLOOKUP" or "MID" or "DATE" => 3,
        _ => 1,
    };

    private static int Max(string function) => function switch
    {
        "ABS" or "INT" or "SQRT" or "NOT" or "ISBLANK" or "ISNUMBER" or "ISTEXT" or "ISERROR" or "LEN" or "UPPER" or "LOWER" or "TRIM" or "VALUE"
            or "YEAR" or "MONTH" or "DAY" or "COUNTBLANK" => 1,
        "IFERROR" or "IFNA" or "POWER" or "MOD" or "TEXT" or "EOMONTH" or "EDATE" or "ROUND" or "ROUNDUP" or "ROUNDDOWN" or "LEFT" or "RIGHT" or "WEEKDAY" or "COUNTIF" => 2,
        "IF" or "SUMIF" or "AVERAGEIF" or "INDEX" or "MATCH" or "MID" or "DATE" => 3,
        "VLOOKUP" or "HLOOKUP" => 4,
        _ => 255,
    };

    private static void Arity(FormulaNode.Call call, int min, int max)
    {
        if (!Supported.Contains(call.Function))
        {
            throw new FormulaException($"it uses {call.Function}, which Cowork cannot calculate. Supported functions: {string.Join(", ", Supported)}");
        }

        if (call.Arguments.Count < min || call.Arguments.Count > max)
        {
            throw new FormulaException($"{call.Function} takes {(min == max ? $"{min}" : max == 255 ? $"at least {min}" : $"{min} to {max}")} arguments, not {call.Arguments.Count}");
        }
    }

    private static object Sum(List<double> values) => values.Sum();

    private static object Average(List<double> values) => values.Count == 0 ? FormulaError.Div0 : values.Average();

    /// <summary>SUM and friends: numbers in ranges (text and logicals there are ignored), direct arguments coerced.</summary>
    private static object Aggregate(FormulaEvaluator ev, IReadOnlyList<FormulaNode> args, string sheet, Func<List<double>, object> combine)
    {
        var numbers = new List<double>();
        foreach (var arg in args)
        {
            var value = ev.Eval(arg, sheet);
            if (value is RangeValue)
            {
                foreach (var item in ev.Values(value))
                {
                    switch (item)
                    {
                        case FormulaError e:
                            return e;
                        case double d:
                            numbers.Add(d);
                            break;
                    }
                }
            }
            else if (arg is not FormulaNode.Missing)
            {
                if (FormulaEvaluator.Number(value) is not double d)
                {
                    return FormulaEvaluator.Number(value);
                }

                numbers.Add(d);
            }
        }

        return combine(numbers);
    }

    private static List<(object? Range, object? Criterion)> Pairs(FormulaEvaluator ev, IReadOnlyList<FormulaNode> args, string sheet, int from)
    {
        if ((args.Count - from) % 2 != 0)
        {
            throw new FormulaException("the criteria come in pairs: a range, then its criterion");
        }

        var pairs = new List<(object?, object?)>();
        for (var i = from; i < args.Count; i += 2)
        {
            pairs.Add((ev.Eval(args[i], sheet), ev.Scalar(ev.Eval(args[i + 1], sheet))));
        }

        return pairs;
    }

    /// <summary>SUMIFS, COUNTIFS, AVERAGEIFS, MAXIFS, MINIFS: the numbers of <paramref name="target"/> where every criterion matches.</summary>
    private static object IfsAggregate(FormulaEvaluator ev, object? target, List<(object? Range, object? Criterion)> pairs, Func<List<double>, object> combine)
    {
        var ranges = pairs.Select(p => p.Range).Prepend(target).Where(r => r is not null).ToList();
        if (ranges.Any(r => r is not RangeValue))
        {
            return FormulaError.Value;
        }

        var shape = ((RangeValue)ranges[0]!).Range;
        if (ranges.Cast<RangeValue>().Any(r => r.Range.Rows != shape.Rows || r.Range.Columns != shape.Columns))
        {
            return FormulaError.Value;
        }

        if (pairs.FirstOrDefault(p => p.Criterion is FormulaError).Criterion is FormulaError error)
        {
            return error;
        }

        // Scan only as far as any of the ranges holds cells: whole columns cost what they hold.
        var rows = 0;
        var columns = 0;
        foreach (RangeValue range in ranges.Cast<RangeValue>())
        {
            if (ev.Context.Used(range.Sheet, range.Range) is CellRange used)
            {
                rows = Math.Max(rows, used.Last.Row - range.Range.First.Row + 1);
                columns = Math.Max(columns, used.Last.Column - range.Range.First.Column + 1);
            }
        }

        var criteria = pairs.Select(p => ((RangeValue)p.Range!, Criterion.From(p.Criterion))).ToList();
        var numbers = new List<double>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (!criteria.All(p => p.Item2.Matches(ev.Context.Value(p.Item1.Sheet, new CellAddress(p.Item1.Range.First.Row + r, p.Item1.Range.First.Column + c)))))
                {
                    continue;
                }

                if (target is RangeValue sum)
                {
                    switch (ev.Context.Value(sum.Sheet, new CellAddress(sum.Range.First.Row + r, sum.Range.First.Column + c)))
                    {
                        case double d:
                            numbers.Add(d);
                            break;
                        case FormulaError e:
                            return e;
                    }
                }
                else
                {
                    numbers.Add(1);
                }
            }
        }

        return combine(numbers);
    }

    private static object? Lookup(FormulaEvaluator ev, object? key, object? table, object? index, object? approximate, bool vertical)
    {
        if (key is FormulaError e)
        {
            return e;
        }

        if (table is not RangeValue range || FormulaEvaluator.Number(index) is not double n)
        {
            return FormulaError.Value;
        }

        var offset = (int)n;
        if (offset < 1)
        {
            return FormulaError.Value;
        }

        if (offset > (vertical ? range.Range.Columns : range.Range.Rows))
        {
            return FormulaError.Ref;
        }

        var exact = Logical(approximate) is false;
        var used = ev.Context.Used(range.Sheet, range.Range);
        var count = used is null ? 0 : vertical ? used.Value.Last.Row - range.Range.First.Row + 1 : used.Value.Last.Column - range.Range.First.Column + 1;
        var found = -1;
        for (var i = 0; i < count; i++)
        {
            var candidate = ev.Context.Value(range.Sheet, vertical ? new CellAddress(range.Range.First.Row + i, range.Range.First.Column) : new CellAddress(range.Range.First.Row, range.Range.First.Column + i));
            if (candidate is null || candidate is FormulaError || !SameKind(candidate, key))
            {
                continue;
            }

            var order = FormulaEvaluator.Compare(candidate, key);
            if (order == 0)
            {
                found = i;
                if (exact)
                {
                    break;
                }
            }
            else if (!exact && order < 0)
            {
                found = i;
            }
            else if (!exact && order > 0)
            {
                break;
            }
        }

        if (found < 0)
        {
            return FormulaError.NA;
        }

        var cell = vertical ? new CellAddress(range.Range.First.Row + found, range.Range.First.Column + offset - 1) : new CellAddress(range.Range.First.Row + offset - 1, range.Range.First.Column + found);
        return ev.Context.Value(range.Sheet, cell) ?? 0d;
    }

    private static bool SameKind(object a, object? b) => (a, b) switch
    {
        (double, double) or (string, string) or (bool, bool) => true,
        _ => false,
    };

    private static object? Index(FormulaEvaluator ev, object? array, object? row, object? column)
    {
        if (array is not RangeValue range || FormulaEvaluator.Number(row) is not double r || FormulaEvaluator.Number(column) is not double c)
        {
            return row is FormulaError e ? e : FormulaError.Value;
        }

        // INDEX(row_of_cells, n) picks the nth cell of a single row.
        if (column is null && range.Range.Rows == 1)
        {
            (r, c) = (1, r);
        }

        if (c == 0 && range.Range.Columns == 1)
        {
            c = 1;
        }

        if (r < 1 || c < 1 || r > range.Range.Rows || c > range.Range.Columns)
        {
            return FormulaError.Ref;
        }

        return ev.Context.Value(range.Sheet, new CellAddress(range.Range.First.Row + (int)r - 1, range.Range.First.Column + (int)c - 1)) ?? 0d;
    }

    private static object Match(FormulaEvaluator ev, object? key, object? array, object? type)
    {
        if (key is FormulaError e)
        {
            return e;
        }

        if (array is not RangeValue range || (range.Range.Rows > 1 && range.Range.Columns > 1) || FormulaEvaluator.Number(type) is not double kind)
        {
            return FormulaError.NA;
        }

        var vertical = range.Range.Columns == 1;
        var used = ev.Context.Used(range.Sheet, range.Range);
        var count = used is null ? 0 : vertical ? used.Value.Last.Row - range.Range.First.Row + 1 : used.Value.Last.Column - range.Range.First.Column + 1;
        var found = -1;
        for (var i = 0; i < count; i++)
        {
            var candidate = ev.Context.Value(range.Sheet, vertical ? new CellAddress(range.Range.First.Row + i, range.Range.First.Column) : new CellAddress(range.Range.First.Row, range.Range.First.Column + i));
            if (candidate is null or FormulaError || !SameKind(candidate, key))
            {
                continue;
            }

            var order = FormulaEvaluator.Compare(candidate, key);
            if (kind == 0)
            {
                if (order == 0)
                {
                    found = i;
                    break;
                }
            }
            else if (kind > 0 ? order <= 0 : order >= 0)
            {
                found = i;
            }
            else
            {
                break;
            }
        }

        return found < 0 ? FormulaError.NA : found + 1d;
    }

    private static object Round(double x, double digits, string how)
    {
        var places = (int)Math.Truncate(digits);
        var factor = Math.Pow(10, places);
        // Decimal arithmetic where it fits, so ROUND(2.675, 2) is 2.68 as in Excel, not 2.67 from binary fractions.
        if (Math.Abs(x) < 7.9e27 / Math.Max(1, factor) && places is >= -15 and <= 15)
        {
            var scaled = (decimal)x * (decimal)factor;
            var rounded = how switch
            {
                "ROUNDUP" => scaled < 0 ? Math.Floor(scaled) : Math.Ceiling(scaled),
                "ROUNDDOWN" => Math.Truncate(scaled),
                _ => Math.Round(scaled, MidpointRounding.AwayFromZero),
            };
            return (double)(rounded / (decimal)factor);
        }

        return x;
    }

    private static object Numbers(object? a, object? b, Func<double, double, object> apply)
    {
        if (FormulaEvaluator.Number(a) is not double x)
        {
            return FormulaEvaluator.Number(a);
        }

        if (FormulaEvaluator.Number(b) is not double y)
        {
            return FormulaEvaluator.Number(b);
        }

        return apply(x, y);
    }

    private static object TextWith(object? value, object? number, Func<string, double, object> apply)
    {
        if (FormulaEvaluator.Text(value) is not string text)
        {
            return FormulaEvaluator.Text(value);
        }

        if (FormulaEvaluator.Number(number) is not double n)
        {
            return FormulaEvaluator.Number(number);
        }

        return apply(text, Math.Truncate(n));
    }

    private static object DatePart(object? value, Func<DateTime, int> part)
    {
        if (FormulaEvaluator.Number(value) is not double serial)
        {
            return FormulaEvaluator.Number(value);
        }

        return SerialDate.To(serial) is DateTime date ? (double)part(date) : FormulaError.Num;
    }

    private static object? Logical(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s when bool.TryParse(s, out var parsed) => parsed,
        FormulaError e => e,
        _ => FormulaError.Value,
    };
}
