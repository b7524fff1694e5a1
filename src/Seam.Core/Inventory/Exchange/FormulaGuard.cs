namespace Seam.Inventory.Exchange;

/// <summary>
/// Keeps exported text from running as a spreadsheet formula ("CSV injection"): a cell that would start with
/// = + - @ tab or CR — after any apostrophes — gets one more leading apostrophe, which spreadsheets show as text.
/// Seam's reader removes exactly that apostrophe again, so an export still imports back identically.
/// </summary>
internal static class FormulaGuard
{
    public static string Escape(string cell) => NeedsGuard(cell) ? "'" + cell : cell;

    public static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> cell) =>
        cell.Length > 1 && cell[0] == '\'' && NeedsGuard(cell[1..]) ? cell[1..] : cell;

    private static bool NeedsGuard(ReadOnlySpan<char> cell)
    {
        var rest = cell.TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
