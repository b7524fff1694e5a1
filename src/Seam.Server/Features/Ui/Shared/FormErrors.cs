using Seam.Inventory;

namespace Seam.Server.Features.Ui.Shared;

/// <summary>
/// Messages for a form, keyed by the validator's field names ("name", "zone", "addresses" …), so a refused value
/// is shown under its own box. Errors block saving; smells are shown and the record is saved anyway.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> byField = new(StringComparer.Ordinal);

    public List<string> General { get; } = [];

    public List<InventoryProblem> Smells { get; } = [];

    public bool Any => byField.Count > 0 || General.Count > 0;

    public void Clear()
    {
        byField.Clear();
        General.Clear();
        Smells.Clear();
    }

    /// <summary>
    /// Clears the messages and lets the page render before its form validates. A box shows a refused value through
    /// its <c>Error</c> parameter, and MudForm counts that box as invalid until the page has rendered again: without
    /// this render, the first save after a refused one would silently do nothing.
    /// </summary>
    public async Task ClearBeforeValidatingAsync(Action render)
    {
        Clear();
        render();
        await Task.Yield();
    }

    public void Add(string? field, string message)
    {
        if (field is null)
        {
            General.Add(message);
        }
        else
        {
            byField[field] = byField.TryGetValue(field, out var existing) ? existing + " " + message : message;
        }
    }

    public void AddAll(IEnumerable<InventoryProblem> problems)
    {
        foreach (var p in problems)
        {
            if (p.Severity == ProblemSeverity.Error)
            {
                Add(p.Field, p.Message);
            }
            else
            {
                Smells.Add(p);
            }
        }
    }

    public bool Has(string field) => byField.ContainsKey(field);

    public string? For(string field) => byField.GetValueOrDefault(field);

    public IEnumerable<string> All => General.Concat(byField.Values);
}
