using System.Globalization;
using System.Text;

namespace Seam.Inventory.Exchange;

/// <summary>
/// One thing wrong with an imported file, at the place it was found.
/// </summary>
/// <param name="File">The file's name as given in <see cref="InventoryFile.Name"/>.</param>
/// <param name="Line">1-based line; for a CSV record, the line the record starts on.</param>
/// <param name="Column">
/// For CSV, the 1-based column number (the spreadsheet column: 1 = A); for JSON, the 1-based byte position in the line.
/// </param>
/// <param name="ColumnName">The column header as written in the file (CSV) or the property name (JSON).</param>
/// <param name="Message">What is wrong, in plain words.</param>
/// <param name="Expected">What would have been accepted.</param>
/// <param name="JsonPath">For JSON, where in the document, e.g. <c>$.assets[3].criticality</c>.</param>
public sealed record ImportError(
    string File,
    long? Line,
    long? Column,
    string? ColumnName,
    string Message,
    string? Expected,
    string? JsonPath = null)
{
    /// <summary>Like a compiler message: <c>assets.csv:12:16: column 'criticality': 'high-ish' is not a criticality (expected …)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line is { } line)
        {
            text.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
            if (Column is { } column)
            {
                text.Append(':').Append(column.ToString(CultureInfo.InvariantCulture));
            }
        }

        text.Append(": ");
        if (JsonPath is not null)
        {
            text.Append(JsonPath).Append(": ");
        }
        else if (ColumnName is not null)
        {
            text.Append("column '").Append(ColumnName).Append("': ");
        }

        text.Append(Message);
        if (Expected is not null)
        {
            text.Append(" (expected ").Append(Expected).Append(')');
        }

        return text.ToString();
    }
}

/// <summary>Collects errors up to a cap so that one bad file yields a useful list rather than a flood.</summary>
internal sealed class ErrorSink(int maxErrors)
{
    private readonly List<ImportError> _errors = [];
    private readonly List<ImportError> _warnings = [];

    public IReadOnlyList<ImportError> Errors => _errors;

    public IReadOnlyList<ImportError> Warnings => _warnings;

    /// <summary>True once the cap is reached; readers stop early then.</summary>
    public bool IsFull { get; private set; }

    public void Add(ImportError error)
    {
        if (_errors.Count < maxErrors)
        {
            _errors.Add(error);
            return;
        }

        if (!IsFull)
        {
            IsFull = true;
            _errors.Add(new ImportError(error.File, null, null, null,
                $"too many errors: stopped after the first {maxErrors.ToString(CultureInfo.InvariantCulture)}", null));
        }
    }

    public void Warn(ImportError warning)
    {
        if (_warnings.Count < maxErrors)
        {
            _warnings.Add(warning);
        }
    }
}
