using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Seam.Exposure.Ssvc;

/// <summary>Why a decision table text was refused: the file, the 1-based line (null when the fault is the whole table) and what was expected.</summary>
public sealed record SsvcTableError(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{File}:{line}: {Message}" : $"{File}: {Message}";
}

/// <summary>
/// What a decision table file must hold: which decision points are its inputs, which is its outcome, and how to cite it.
/// Columns are found by header name and version ("Exploitation v1.1.0", "CISA Levels v1.1.0 (cisa)"), not by position.
/// </summary>
/// <param name="FileName">The CSV file name, also the last part of its resource name.</param>
/// <param name="Title">How an explanation cites it: "CISA coordinator 2.0.3".</param>
public sealed record SsvcTableDefinition(string FileName, string Title, IReadOnlyList<SsvcDecisionPoint> Inputs, SsvcDecisionPoint Outcome)
{
    public static SsvcTableDefinition CisaCoordinator { get; } = new(
        "cisa_coordinator_2_0_3.csv",
        "CISA coordinator 2.0.3",
        [SsvcDecisionPoints.Exploitation, SsvcDecisionPoints.Automatable, SsvcDecisionPoints.TechnicalImpact, SsvcDecisionPoints.MissionAndWellBeing],
        SsvcDecisionPoints.CisaLevels);

    public static SsvcTableDefinition DeployerPatchApplicationPriority { get; } = new(
        "deployer_patch_application_priority_1_0_0.csv",
        "CERT/CC deployer patch application priority 1.0.0",
        [SsvcDecisionPoints.Exploitation, SsvcDecisionPoints.SystemExposure, SsvcDecisionPoints.Automatable, SsvcDecisionPoints.HumanImpact],
        SsvcDecisionPoints.DeployerPriority);

    public static SsvcTableDefinition HumanImpact { get; } = new(
        "human_impact_1_0_0.csv",
        "CERT/CC human impact 1.0.0",
        [SsvcDecisionPoints.SafetyImpact, SsvcDecisionPoints.MissionImpact],
        SsvcDecisionPoints.HumanImpact);

    /// <summary>Not a CERT/CC file: the CISA guide's table, written out by Seam (the file's comment lines say so).</summary>
    public static SsvcTableDefinition MissionAndWellBeing { get; } = new(
        "mission_and_well_being_impact_1_0_0.csv",
        "CISA mission and well-being impact 1.0.0",
        [SsvcDecisionPoints.MissionPrevalence, SsvcDecisionPoints.PublicWellBeing],
        SsvcDecisionPoints.MissionAndWellBeing);

    public static IReadOnlyList<SsvcTableDefinition> All { get; } = [CisaCoordinator, DeployerPatchApplicationPriority, HumanImpact, MissionAndWellBeing];
}

/// <summary>
/// A complete SSVC decision table read from CERT/CC's CSV layout: a <c>row</c> column, one column per input decision
/// point, one outcome column. Every combination of input values must appear exactly once. Lines starting with
/// <c>#</c> and blank lines are ignored. Immutable once read; safe to share between threads.
/// </summary>
public sealed class SsvcDecisionTable
{
    private static readonly Regex HeaderPattern = new(
        @"^(?<name>.+?) v(?<version>\d+\.\d+\.\d+)(?: \((?<ns>[A-Za-z0-9_.-]+)\))?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    // Per combination (mixed-radix index over the input points' value indexes): outcome value index and CSV row id.
    private readonly int[] _outcomes;
    private readonly int[] _rows;

    private SsvcDecisionTable(SsvcTableDefinition definition, int[] outcomes, int[] rows)
    {
        Definition = definition;
        _outcomes = outcomes;
        _rows = rows;
    }

    public SsvcTableDefinition Definition { get; }

    /// <summary>Number of combinations, which is also the number of rows.</summary>
    public int Count => _rows.Length;

    /// <summary>The outcome's value index and the CSV row id for the inputs' value indexes, given in the definition's input order.</summary>
    public (int Outcome, int Row) Lookup(ReadOnlySpan<int> inputs)
    {
        var index = IndexOf(Definition.Inputs, inputs);
        return (_outcomes[index], _rows[index]);
    }

    /// <summary>Reads a table text; the error names the file, the line and what was expected there.</summary>
    public static bool TryParse(
        SsvcTableDefinition definition,
        string text,
        [NotNullWhen(true)] out SsvcDecisionTable? table,
        [NotNullWhen(false)] out SsvcTableError? error)
    {
        table = null;
        var file = definition.FileName;
        var size = 1;
        foreach (var input in definition.Inputs)
        {
            size *= input.Values.Count;
        }

        var outcomes = new int[size];
        var rows = new int[size];
        var lines = new int[size];
        Array.Fill(outcomes, -1);

        int[]? inputColumns = null;
        var outcomeColumn = -1;
        var rowColumn = -1;
        var headerCount = 0;
        var seenRows = new Dictionary<int, int>();
        var lineNumber = 0;
        var lastLine = 0;
        var keys = new int[definition.Inputs.Count];
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            lastLine = lineNumber;
            if (!TrySplit(line, out var fields, out var splitError))
            {
                error = new SsvcTableError(file, lineNumber, splitError);
                return false;
            }

            if (inputColumns is null)
            {
                headerCount = fields.Count;
                if (!TryReadHeader(definition, fields, out inputColumns, out outcomeColumn, out rowColumn, out var headerError))
                {
                    error = new SsvcTableError(file, lineNumber, headerError);
                    return false;
                }

                continue;
            }

            if (fields.Count != headerCount)
            {
                error = new SsvcTableError(file, lineNumber, $"expected {headerCount} fields as in the header, found {fields.Count}.");
                return false;
            }

            if (!int.TryParse(fields[rowColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var rowId))
            {
                error = new SsvcTableError(file, lineNumber, $"row id '{fields[rowColumn]}' is not a non-negative integer.");
                return false;
            }

            if (seenRows.TryGetValue(rowId, out var firstLine))
            {
                error = new SsvcTableError(file, lineNumber, $"row id {rowId} already used on line {firstLine}.");
                return false;
            }

            seenRows[rowId] = lineNumber;
            for (var i = 0; i < keys.Length; i++)
            {
                if (!TryValue(definition.Inputs[i], fields[inputColumns[i]], out keys[i], out var valueError))
                {
                    error = new SsvcTableError(file, lineNumber, valueError);
                    return false;
                }
            }

            if (!TryValue(definition.Outcome, fields[outcomeColumn], out var outcome, out var outcomeError))
            {
                error = new SsvcTableError(file, lineNumber, outcomeError);
                return false;
            }

            var index = IndexOf(definition.Inputs, keys);
            if (outcomes[index] >= 0)
            {
                error = new SsvcTableError(file, lineNumber, $"{Describe(definition.Inputs, keys)} is already decided on line {lines[index]}.");
                return false;
            }

            outcomes[index] = outcome;
            rows[index] = rowId;
            lines[index] = lineNumber;
        }

        if (inputColumns is null)
        {
            error = new SsvcTableError(file, null, "the table is empty; expected a header line and one row per combination.");
            return false;
        }

        var missing = Array.IndexOf(outcomes, -1);
        if (missing >= 0)
        {
            error = new SsvcTableError(
                file,
                lastLine,
                $"no row for {Describe(definition.Inputs, KeysOf(definition.Inputs, missing))}; expected all {size} combinations.");
            return false;
        }

        table = new SsvcDecisionTable(definition, outcomes, rows);
        error = null;
        return true;
    }

    private static bool TryReadHeader(
        SsvcTableDefinition definition,
        List<string> fields,
        [NotNullWhen(true)] out int[]? inputColumns,
        out int outcomeColumn,
        out int rowColumn,
        [NotNullWhen(false)] out string? error)
    {
        inputColumns = null;
        outcomeColumn = -1;
        rowColumn = fields.FindIndex(f => string.Equals(f.Trim(), "row", StringComparison.OrdinalIgnoreCase));
        if (rowColumn < 0)
        {
            error = "the header has no 'row' column.";
            return false;
        }

        var columns = new int[definition.Inputs.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            if (!TryFindColumn(fields, definition.Inputs[i], out columns[i], out error))
            {
                return false;
            }
        }

        if (!TryFindColumn(fields, definition.Outcome, out outcomeColumn, out error))
        {
            return false;
        }

        inputColumns = columns;
        return true;
    }

    private static bool TryFindColumn(List<string> fields, SsvcDecisionPoint point, out int column, [NotNullWhen(false)] out string? error)
    {
        for (column = 0; column < fields.Count; column++)
        {
            var match = HeaderPattern.Match(fields[column].Trim());
            if (!match.Success || !string.Equals(match.Groups["name"].Value, point.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var nameSpace = match.Groups["ns"].Success ? match.Groups["ns"].Value : "ssvc";
            var version = match.Groups["version"].Value;
            if (nameSpace != point.Namespace || version != point.Version)
            {
                error = $"column '{fields[column]}' is {nameSpace}:{point.Key}:{version}; expected {point.Id}.";
                return false;
            }

            error = null;
            return true;
        }

        column = -1;
        error = $"the header has no column for {point.Id}; expected one named '{point.Name} v{point.Version}'.";
        return false;
    }

    private static bool TryValue(SsvcDecisionPoint point, string field, out int value, [NotNullWhen(false)] out string? error)
    {
        value = point.IndexOf(field.Trim());
        if (value >= 0)
        {
            error = null;
            return true;
        }

        error = $"'{field}' is not a value of {point.Name} ({point.Id}); expected one of {string.Join(", ", point.Values)}.";
        return false;
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting: "a, b" and "" inside quotes).</summary>
    private static bool TrySplit(string line, out List<string> fields, [NotNullWhen(false)] out string? error)
    {
        fields = [];
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                    i++;
                    if (i < line.Length && line[i] != ',')
                    {
                        error = $"column {i + 1}: expected ',' or the end of the line after a closing quote, found '{line[i]}'.";
                        return false;
                    }

                    continue;
                }

                current.Append(c);
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else if (c == '"' && current.Length == 0)
            {
                quoted = true;
            }
            else
            {
                current.Append(c);
            }

            i++;
        }

        if (quoted)
        {
            error = "a quoted field is not closed before the end of the line.";
            return false;
        }

        fields.Add(current.ToString());
        error = null;
        return true;
    }

    private static int IndexOf(IReadOnlyList<SsvcDecisionPoint> inputs, ReadOnlySpan<int> keys)
    {
        if (keys.Length != inputs.Count)
        {
            throw new ArgumentException($"expected {inputs.Count} input values, got {keys.Length}.", nameof(keys));
        }

        var index = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var radix = inputs[i].Values.Count;
            if ((uint)keys[i] >= (uint)radix)
            {
                throw new ArgumentOutOfRangeException(nameof(keys), $"{inputs[i].Id} has no value index {keys[i]}.");
            }

            index = (index * radix) + keys[i];
        }

        return index;
    }

    private static int[] KeysOf(IReadOnlyList<SsvcDecisionPoint> inputs, int index)
    {
        var keys = new int[inputs.Count];
        for (var i = keys.Length - 1; i >= 0; i--)
        {
            var radix = inputs[i].Values.Count;
            keys[i] = index % radix;
            index /= radix;
        }

        return keys;
    }

    private static string Describe(IReadOnlyList<SsvcDecisionPoint> inputs, ReadOnlySpan<int> keys)
    {
        var parts = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            parts[i] = $"{inputs[i].Name.ToLowerInvariant()} {inputs[i].Values[keys[i]]}";
        }

        return string.Join(", ", parts);
    }
}
