using System.Text;
using Seam.Inventory;

namespace Seam.Server.Features.Api;

// What the API reads and writes. Services are written as "modbus:tcp/502", Purdue levels as "3.5",
// enumerations in kebab-case ("safety-controller"); all are accepted in the forms imports accept.

public sealed record SiteInput(string? Id, string? Name, string? Location, string? Description);

public sealed record SiteDto(string Id, string Name, string? Location, string? Description);

public sealed record TeamInput(string? Id, string? Name, string? Side, string? Email);

public sealed record TeamDto(string Id, string Name, string Side, string? Email);

public sealed record PersonInput(string? Id, string? Name, string? Email, string? TeamId, string? Title);

public sealed record PersonDto(string Id, string Name, string? Email, string? TeamId, string? Title);

public sealed record ZoneInput(
    string? Id, string? SiteId, string? Name, string? Level, int? TargetSecurityLevel, IReadOnlyList<string>? Subnets,
    string? OwnerTeamId, string? Description);

public sealed record ZoneDto(
    string Id, string SiteId, string Name, string Level, string LevelName, int TargetSecurityLevel, IReadOnlyList<string> Subnets,
    string? OwnerTeamId, string? Description);

public sealed record ConduitInput(
    string? Id, string? SiteId, string? Name, string? FromZoneId, string? ToZoneId, IReadOnlyList<string>? Services,
    string? Direction, string? EnforcedBy, string? Description);

public sealed record ConduitDto(
    string Id, string SiteId, string? Name, string FromZoneId, string ToZoneId, IReadOnlyList<string> Services,
    string Direction, string? EnforcedBy, string? Description);

public sealed record EntryPointInput(
    string? Id, string? SiteId, string? Name, string? Kind, string? ZoneId, string? Vendor, string? Method,
    IReadOnlyList<string>? TargetAssetIds, bool? MfaRequired, string? Availability, string? Description);

public sealed record EntryPointDto(
    string Id, string SiteId, string Name, string Kind, string? ZoneId, string? Vendor, string? Method,
    IReadOnlyList<string> TargetAssetIds, bool MfaRequired, string Availability, string? Description);

public sealed record AssetInput(
    string? Id, string? SiteId, string? ZoneId, string? Name, string? Kind, string? Vendor, string? Product, string? Model,
    string? Version, string? SerialNumber, IReadOnlyList<string>? Addresses, IReadOnlyList<string>? MacAddresses,
    IReadOnlyList<string>? Services, string? OwnerTeamId, string? MaintainerTeamId, int? Criticality, bool? SafetyRelevant,
    string? ProcessLine, decimal? DowntimeCostPerHour, string? Patchability, bool? IsCrownJewel, string? Notes,
    IReadOnlyList<string>? Identifiers = null);

public sealed record AssetDto(
    string Id, string SiteId, string? ZoneId, string Name, string Kind, string KindName, string? Vendor, string? Product,
    string? Model, string? Version, string? SerialNumber, IReadOnlyList<string> Addresses, IReadOnlyList<string> MacAddresses,
    IReadOnlyList<string> Services, string? OwnerTeamId, string? MaintainerTeamId, int Criticality, bool SafetyRelevant,
    string? ProcessLine, decimal? DowntimeCostPerHour, string Patchability, bool IsCrownJewel, string Source,
    DateTimeOffset? LastSeen, string? Notes, IReadOnlyList<string> Identifiers);

/// <summary>An asset as the list shows it: the columns people filter and sort by.</summary>
public sealed record AssetSummary(
    string Id, string SiteId, string? ZoneId, string Name, string Kind, string? Vendor, string? Product, string? Model,
    string? Version, IReadOnlyList<string> Addresses, string? OwnerTeamId, int Criticality, bool SafetyRelevant, bool IsCrownJewel);

/// <summary>One validator finding. <c>severity</c> is "error" (refused) or "smell" (stored and flagged).</summary>
public sealed record ProblemDto(
    string Severity, string Code, string Entity, string EntityId, string? SiteId, string? Field, string Message, string? ForIt, string? ForOt);

/// <summary>The stored record after a write, with the smells it carries (errors are refused with 400 instead).</summary>
public sealed record WriteResult<T>(T Item, IReadOnlyList<ProblemDto> Problems);

public static class InventoryDtos
{
    public static SiteDto ToDto(this Site s) => new(s.Id, s.Name, s.Location, s.Description);

    public static TeamDto ToDto(this Team t) => new(t.Id, t.Name, EnumText.Format(t.Side), t.Email);

    public static PersonDto ToDto(this Person p) => new(p.Id, p.Name, p.Email, p.TeamId, p.Title);

    public static ZoneDto ToDto(this Zone z) =>
        new(z.Id, z.SiteId, z.Name, z.Level.ToNumber(), z.Level.DisplayName(), z.TargetSecurityLevel, z.Subnets, z.OwnerTeamId, z.Description);

    public static ConduitDto ToDto(this Conduit c) =>
        new(c.Id, c.SiteId, c.Name, c.FromZoneId, c.ToZoneId, c.Services.Select(s => s.ToString()).ToList(), EnumText.Format(c.Direction), c.EnforcedBy, c.Description);

    public static EntryPointDto ToDto(this EntryPoint e) =>
        new(e.Id, e.SiteId, e.Name, EnumText.Format(e.Kind), e.ZoneId, e.Vendor, e.Method, e.TargetAssetIds, e.MfaRequired, EnumText.Format(e.Availability), e.Description);

    public static AssetDto ToDto(this Asset a) =>
        new(a.Id, a.SiteId, a.ZoneId, a.Name, EnumText.Format(a.Kind), a.Kind.DisplayName(), a.Vendor, a.Product, a.Model, a.Version, a.SerialNumber,
            a.Addresses, a.MacAddresses, a.Services.Select(s => s.ToString()).ToList(), a.OwnerTeamId, a.MaintainerTeamId, a.Criticality,
            a.SafetyRelevant, a.ProcessLine, a.DowntimeCostPerHour, EnumText.Format(a.Patchability), a.IsCrownJewel, EnumText.Format(a.Source),
            a.LastSeen, a.Notes, a.Identifiers);

    public static ProblemDto ToDto(this InventoryProblem p, string? siteId) =>
        new(p.Severity == ProblemSeverity.Error ? "error" : "smell", p.Code, EnumText.Format(p.Entity), p.EntityId, siteId,
            p.Field is null ? null : ApiField(p.Field), p.Message, p.ForIt, p.ForOt);

    /// <summary>The validator names fields as files do ("from_zone"); the API names them as its JSON does ("fromZoneId").</summary>
    public static string ApiField(string field) => field switch
    {
        "site" => "siteId",
        "zone" => "zoneId",
        "owner" => "ownerTeamId",
        "maintainer" => "maintainerTeamId",
        "team" => "teamId",
        "from_zone" => "fromZoneId",
        "to_zone" => "toZoneId",
        "target_assets" => "targetAssetIds",
        "mfa" => "mfaRequired",
        _ => SnakeToCamel(field),
    };

    private static string SnakeToCamel(string field)
    {
        var parts = field.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? field
            : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}

/// <summary>Enumerations as the API writes them (kebab-case) and reads them (any case, with or without separators).</summary>
public static class EnumText
{
    public static string Format<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var b = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                b.Append('-');
            }

            b.Append(char.ToLowerInvariant(name[i]));
        }

        return b.ToString();
    }

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = new string(text.Where(char.IsLetterOrDigit).ToArray());
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (candidate.ToString().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    public static string Expected<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Format));
}
