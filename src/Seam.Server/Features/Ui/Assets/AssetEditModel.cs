using System.Globalization;
using Seam.Inventory;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Assets;

/// <summary>What the asset form edits: lists as text, numbers as typed, turned into an <see cref="Asset"/> on save.</summary>
public sealed class AssetEditModel
{
    public string Id { get; set; } = "";

    public string SiteId { get; set; } = "";

    public string? ZoneId { get; set; }

    public string Name { get; set; } = "";

    public AssetKind Kind { get; set; } = AssetKind.Plc;

    public string? Vendor { get; set; }

    public string? Product { get; set; }

    public string? Model { get; set; }

    public string? Version { get; set; }

    public string? SerialNumber { get; set; }

    public string? Identifiers { get; set; }

    public string? Addresses { get; set; }

    public string? MacAddresses { get; set; }

    public string? Services { get; set; }

    public string? OwnerTeamId { get; set; }

    public string? MaintainerTeamId { get; set; }

    public int Criticality { get; set; } = 3;

    public bool SafetyRelevant { get; set; }

    public string? ProcessLine { get; set; }

    public decimal? DowntimeCostPerHour { get; set; }

    public Patchability Patchability { get; set; } = Patchability.MaintenanceWindow;

    public bool IsCrownJewel { get; set; }

    public string? Notes { get; set; }

    public AssetSource Source { get; set; } = AssetSource.Manual;

    public DateTimeOffset? LastSeen { get; set; }

    public static AssetEditModel From(Asset a) => new()
    {
        Id = a.Id,
        SiteId = a.SiteId,
        ZoneId = a.ZoneId,
        Name = a.Name,
        Kind = a.Kind,
        Vendor = a.Vendor,
        Product = a.Product,
        Model = a.Model,
        Version = a.Version,
        SerialNumber = a.SerialNumber,
        Identifiers = ListText.Join(a.Identifiers),
        Addresses = ListText.Join(a.Addresses),
        MacAddresses = ListText.Join(a.MacAddresses),
        Services = ListText.Join(a.Services.Select(s => s.ToString())),
        OwnerTeamId = a.OwnerTeamId,
        MaintainerTeamId = a.MaintainerTeamId,
        Criticality = a.Criticality,
        SafetyRelevant = a.SafetyRelevant,
        ProcessLine = a.ProcessLine,
        DowntimeCostPerHour = a.DowntimeCostPerHour,
        Patchability = a.Patchability,
        IsCrownJewel = a.IsCrownJewel,
        Notes = a.Notes,
        Source = a.Source,
        LastSeen = a.LastSeen,
    };

    /// <summary>The asset this form describes; values that cannot be read are reported in <paramref name="errors"/>.</summary>
    public Asset ToAsset(FormErrors errors)
    {
        var (services, serviceError) = ListText.ParseServices(Services);
        if (serviceError is not null)
        {
            errors.Add("services", serviceError);
        }

        var macs = new List<string>();
        foreach (var mac in ListText.Split(MacAddresses))
        {
            macs.Add(InventoryValidator.TryNormaliseMac(mac, out var n) ? n : mac);
        }

        return new Asset
        {
            Id = Id.Trim(),
            SiteId = SiteId,
            ZoneId = Blank(ZoneId),
            Name = Name.Trim(),
            Kind = Kind,
            Vendor = Blank(Vendor),
            Product = Blank(Product),
            Model = Blank(Model),
            Version = Blank(Version),
            SerialNumber = Blank(SerialNumber),
            Identifiers = ListText.SplitIdentifiers(Identifiers),
            Addresses = ListText.Split(Addresses),
            MacAddresses = macs,
            Services = services,
            OwnerTeamId = Blank(OwnerTeamId),
            MaintainerTeamId = Blank(MaintainerTeamId),
            Criticality = Criticality,
            SafetyRelevant = SafetyRelevant,
            ProcessLine = Blank(ProcessLine),
            DowntimeCostPerHour = DowntimeCostPerHour,
            Patchability = Patchability,
            IsCrownJewel = IsCrownJewel,
            Notes = Blank(Notes),
            Source = Source,
            LastSeen = LastSeen,
        };
    }

    /// <summary>An id from a name: "Filler PLC 3" → "filler-plc-3".</summary>
    public static string SuggestId(string name)
    {
        var chars = name.Trim().ToLower(CultureInfo.InvariantCulture).Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
