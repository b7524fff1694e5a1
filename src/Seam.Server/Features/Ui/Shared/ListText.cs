namespace Seam.Server.Features.Ui.Shared;

/// <summary>Short lists (addresses, services, subnets) as people type them in one text box.</summary>
public static class ListText
{
    private static readonly char[] Separators = [';', ',', '\n', '\r', '\t', ' '];

    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>CPE names and package URLs contain ',' and ':' themselves, so only ';' and white space separate them.</summary>
    public static IReadOnlyList<string> SplitIdentifiers(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([';', '\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> items) => string.Join("; ", items);

    /// <summary>Parses services; each refused one gets a message saying what was expected.</summary>
    public static (IReadOnlyList<Seam.Inventory.ServiceEndpoint> Services, string? Error) ParseServices(string? text)
    {
        var services = new List<Seam.Inventory.ServiceEndpoint>();
        var errors = new List<string>();
        foreach (var item in Split(text))
        {
            if (Seam.Inventory.ServiceEndpoint.TryParse(item, out var s, out var error))
            {
                services.Add(s.Value);
            }
            else
            {
                errors.Add(error!);
            }
        }

        return (services, errors.Count == 0 ? null : string.Join("; ", errors) + ". Expected " + Seam.Inventory.ServiceEndpoint.Expected + ".");
    }
}
