using System.Security.Cryptography;
using Seam.Inventory;

namespace Seam.Server.Features.Api;

/// <summary>
/// Turns request bodies into model records. Only shape is checked here (types, enumerations, service syntax, required
/// fields); meaning (references, ranges, policy smells) is the validator's job, exactly as for imports.
/// </summary>
public static class InventoryInputs
{
    public const int MaxIdLength = 100;

    /// <summary>The id from the route (PUT) or the body (POST); a new id is made up when a POST has none.</summary>
    public static string ResolveId(string? routeId, string? bodyId, string prefix, FieldErrors errors)
    {
        if (routeId is not null)
        {
            if (bodyId is not null && bodyId != routeId)
            {
                errors.Add("id", $"The body's id '{bodyId}' differs from the id in the address '{routeId}'; ids cannot be changed.");
            }

            return routeId;
        }

        if (string.IsNullOrWhiteSpace(bodyId))
        {
            return prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        }

        var id = bodyId.Trim();
        if (id.Length > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            errors.Add("id", $"An id is 1–{MaxIdLength} letters, digits, '-', '_', '.' or ':'.");
        }

        return id;
    }

    public static Site ToSite(this SiteInput input, string? routeId, FieldErrors errors) => new()
    {
        Id = ResolveId(routeId, input.Id, "site", errors),
        Name = Text(input.Name) ?? string.Empty,
        Location = Text(input.Location),
        Description = Text(input.Description),
    };

    public static Team ToTeam(this TeamInput input, string? routeId, FieldErrors errors) => new()
    {
        Id = ResolveId(routeId, input.Id, "team", errors),
        Name = Text(input.Name) ?? string.Empty,
        Side = Enumeration(input.Side, TeamSide.Joint, "side", errors),
        Email = Text(input.Email),
    };

    public static Person ToPerson(this PersonInput input, string? routeId, FieldErrors errors) => new()
    {
        Id = ResolveId(routeId, input.Id, "person", errors),
        Name = Text(input.Name) ?? string.Empty,
        Email = Text(input.Email),
        TeamId = Text(input.TeamId),
        Title = Text(input.Title),
    };

    public static Zone ToZone(this ZoneInput input, string? routeId, FieldErrors errors)
    {
        var level = PurdueLevel.Operations;
        if (input.Level is null)
        {
            errors.Add("level", $"A zone needs {PurdueLevels.Expected}.");
        }
        else if (PurdueLevels.TryParse(input.Level, out var parsed))
        {
            level = parsed.Value;
        }
        else
        {
            errors.Add("level", $"'{input.Level}' is not {PurdueLevels.Expected}.");
        }

        return new Zone
        {
            Id = ResolveId(routeId, input.Id, "zone", errors),
            SiteId = Required(input.SiteId, "siteId", "A zone belongs to a site: siteId is required.", errors),
            Name = Text(input.Name) ?? string.Empty,
            Level = level,
            TargetSecurityLevel = input.TargetSecurityLevel ?? 1,
            Subnets = List(input.Subnets),
            OwnerTeamId = Text(input.OwnerTeamId),
            Description = Text(input.Description),
        };
    }

    public static Conduit ToConduit(this ConduitInput input, string? routeId, FieldErrors errors) => new()
    {
        Id = ResolveId(routeId, input.Id, "conduit", errors),
        SiteId = Required(input.SiteId, "siteId", "A conduit belongs to a site: siteId is required.", errors),
        Name = Text(input.Name),
        FromZoneId = Required(input.FromZoneId, "fromZoneId", "A conduit starts in a zone: fromZoneId is required.", errors),
        ToZoneId = Required(input.ToZoneId, "toZoneId", "A conduit ends in a zone: toZoneId is required.", errors),
        Services = Services(input.Services, errors),
        Direction = Enumeration(input.Direction, ConduitDirection.Bidirectional, "direction", errors),
        EnforcedBy = Text(input.EnforcedBy),
        Description = Text(input.Description),
    };

    public static EntryPoint ToEntryPoint(this EntryPointInput input, string? routeId, FieldErrors errors)
    {
        if (input.Kind is null)
        {
            errors.Add("kind", $"An entry point needs a kind: {EnumText.Expected<EntryPointKind>()}.");
        }

        return new EntryPoint
        {
            Id = ResolveId(routeId, input.Id, "entry", errors),
            SiteId = Required(input.SiteId, "siteId", "An entry point belongs to a site: siteId is required.", errors),
            Name = Text(input.Name) ?? string.Empty,
            Kind = Enumeration(input.Kind, EntryPointKind.Internet, "kind", errors),
            ZoneId = Text(input.ZoneId),
            Vendor = Text(input.Vendor),
            Method = Text(input.Method),
            TargetAssetIds = List(input.TargetAssetIds),
            MfaRequired = input.MfaRequired ?? false,
            Availability = Enumeration(input.Availability, RemoteAccessAvailability.AlwaysOn, "availability", errors),
            Description = Text(input.Description),
        };
    }

    public static Asset ToAsset(this AssetInput input, string? routeId, FieldErrors errors)
    {
        var kind = AssetKind.Other;
        if (input.Kind is not null)
        {
            if (AssetKinds.TryParse(input.Kind, out var parsed))
            {
                kind = parsed.Value;
            }
            else
            {
                errors.Add("kind", $"'{input.Kind}' is not {AssetKinds.Expected}.");
            }
        }

        var macs = new List<string>();
        foreach (var mac in List(input.MacAddresses))
        {
            // Normalised when valid; an invalid one is kept as written so that the validator names it.
            macs.Add(InventoryValidator.TryNormaliseMac(mac, out var normalised) ? normalised : mac);
        }

        return new Asset
        {
            Id = ResolveId(routeId, input.Id, "asset", errors),
            SiteId = Required(input.SiteId, "siteId", "An asset belongs to a site: siteId is required.", errors),
            ZoneId = Text(input.ZoneId),
            Name = Text(input.Name) ?? string.Empty,
            Kind = kind,
            Vendor = Text(input.Vendor),
            Product = Text(input.Product),
            Model = Text(input.Model),
            Version = Text(input.Version),
            SerialNumber = Text(input.SerialNumber),
            Identifiers = List(input.Identifiers),
            Addresses = List(input.Addresses),
            MacAddresses = macs,
            Services = Services(input.Services, errors),
            OwnerTeamId = Text(input.OwnerTeamId),
            MaintainerTeamId = Text(input.MaintainerTeamId),
            Criticality = input.Criticality ?? 3,
            SafetyRelevant = input.SafetyRelevant ?? false,
            ProcessLine = Text(input.ProcessLine),
            DowntimeCostPerHour = input.DowntimeCostPerHour,
            Patchability = Enumeration(input.Patchability, Patchability.MaintenanceWindow, "patchability", errors),
            IsCrownJewel = input.IsCrownJewel ?? false,
            Notes = Text(input.Notes),
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Required(string? value, string field, string message, FieldErrors errors)
    {
        var text = Text(value);
        if (text is null)
        {
            errors.Add(field, message);
        }

        return text ?? string.Empty;
    }

    private static List<string> List(IReadOnlyList<string>? values) =>
        values is null ? [] : values.Select(Text).OfType<string>().ToList();

    private static List<ServiceEndpoint> Services(IReadOnlyList<string>? values, FieldErrors errors)
    {
        var services = new List<ServiceEndpoint>();
        foreach (var text in List(values))
        {
            if (ServiceEndpoint.TryParse(text, out var service, out var error))
            {
                services.Add(service.Value);
            }
            else
            {
                errors.Add("services", $"{error}; expected {ServiceEndpoint.Expected}.");
            }
        }

        return services;
    }

    private static T Enumeration<T>(string? text, T fallback, string field, FieldErrors errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (EnumText.TryParse<T>(text, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{text}' is not one of {EnumText.Expected<T>()}.");
        return fallback;
    }
}
