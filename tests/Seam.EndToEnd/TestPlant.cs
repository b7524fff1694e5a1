using Seam.Access;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;

namespace Seam.EndToEnd;

/// <summary>A small plant written straight into the database before the server starts, and the account that signs in.</summary>
public static class TestPlant
{
    public const string UserName = "e2e-engineer";

    /// <summary>Made up for this test database only; nothing ships with a default password.</summary>
    public const string Password = "e2e-only-" + "long-enough-secret";

    /// <summary>Engineer on Northfield only: sees nothing of Southport.</summary>
    public const string NorthEngineer = "e2e-north-engineer";

    /// <summary>Engineer on Northfield, viewer on Southport: sees both sites, may change only Northfield.</summary>
    public const string NorthEngineerSouthViewer = "e2e-north-engineer-south-viewer";

    /// <summary>Viewer on every site: reads everything, changes nothing.</summary>
    public const string Viewer = "e2e-viewer";

    public const int NorthAssetCount = 60;
    public const int SouthAssetCount = 5;
    public const int FillerCount = 3;

    public static async Task SeedAsync(string databasePath)
    {
        var options = DatabaseOptions.Sqlite(databasePath);
        await SeamDbContextFactory.PrepareAsync(options);
        await using var db = SeamDbContextFactory.Create(options);

        db.Teams.AddRange(
            new Team { Id = "ot-line2", Name = "Line 2 controls", Side = TeamSide.Ot },
            new Team { Id = "it-infra", Name = "IT infrastructure", Side = TeamSide.It });
        db.Sites.AddRange(
            new Site { Id = "north", Name = "Northfield bottling", Location = "Northfield" },
            new Site { Id = "south", Name = "Southport packaging" });
        db.Zones.AddRange(
            Zone("internet", "Internet edge", PurdueLevel.EnterpriseNetwork, "it-infra"),
            Zone("enterprise", "Enterprise LAN", PurdueLevel.Enterprise, "it-infra", "10.1.0.0/16"),
            Zone("idmz", "Industrial DMZ", PurdueLevel.IndustrialDmz, "it-infra", "10.35.0.0/24"),
            Zone("ops", "Site operations", PurdueLevel.Operations, "ot-line2", "10.30.0.0/24"),
            Zone("scada", "Line 2 supervisory", PurdueLevel.Supervisory, "ot-line2", "10.20.2.0/24"),
            Zone("control", "Line 2 control", PurdueLevel.BasicControl, "ot-line2", "10.10.2.0/24"),
            Zone("safety", "Safety system", PurdueLevel.BasicControl, null, "10.10.9.0/24"),
            new Zone { Id = "south-control", SiteId = "south", Name = "Packaging control", Level = PurdueLevel.BasicControl, OwnerTeamId = "ot-line2" });
        db.Conduits.AddRange(
            Conduit("c-internet", "internet", "enterprise", "https"),
            Conduit("c-ent-dmz", "enterprise", "idmz", "https", "rdp:tcp/3389"),
            Conduit("c-dmz-ops", "idmz", "ops", "opcua"),
            new Conduit
            {
                Id = "c-historian-diode",
                SiteId = "north",
                Name = "Historian replication",
                FromZoneId = "ops",
                ToZoneId = "idmz",
                Direction = ConduitDirection.OneWay,
                Services = [Service("udp/5000")],
                EnforcedBy = "Waterfall data diode",
            },
            Conduit("c-ops-scada", "ops", "scada", "opcua", "https"),
            Conduit("c-scada-control", "scada", "control", "modbus:tcp/502", "s7"),
            Conduit("c-legacy-rdp", "enterprise", "scada", "rdp:tcp/3389"));

        for (var i = 1; i <= NorthAssetCount; i++)
        {
            var (name, kind, zone, ip) = i switch
            {
                <= FillerCount => ($"Filler PLC {i}", AssetKind.Plc, "control", $"10.10.2.{10 + i}"),
                <= 20 => ($"Conveyor drive {i}", AssetKind.Drive, "control", $"10.10.2.{10 + i}"),
                <= 30 => ($"Line 2 HMI {i}", AssetKind.Hmi, "scada", $"10.20.2.{i}"),
                <= 35 => ($"SIS controller {i}", AssetKind.SafetyController, "safety", $"10.10.9.{i}"),
                <= 45 => ($"Operations server {i}", AssetKind.Server, "ops", $"10.30.0.{i}"),
                <= 50 => ($"DMZ jump host {i}", AssetKind.JumpHost, "idmz", $"10.35.0.{i}"),
                _ => ($"Office PC {i}", AssetKind.Workstation, "enterprise", $"10.1.0.{i}"),
            };
            db.Assets.Add(new Asset
            {
                Id = name.ToLowerInvariant().Replace(' ', '-'),
                SiteId = "north",
                ZoneId = zone,
                Name = name,
                Kind = kind,
                Vendor = kind is AssetKind.Plc or AssetKind.SafetyController ? "Siemens" : "Generic",
                Product = kind == AssetKind.Plc ? "S7-1500" : null,
                Version = kind == AssetKind.Plc ? "V2.9.4" : null,
                Addresses = [ip],
                Services = kind == AssetKind.Plc ? [Service("s7"), Service("modbus:tcp/502")] : [],
                OwnerTeamId = i % 7 == 0 ? null : zone is "enterprise" or "idmz" ? "it-infra" : "ot-line2",
                Criticality = kind is AssetKind.Plc or AssetKind.SafetyController ? 5 : 3,
                SafetyRelevant = kind == AssetKind.SafetyController,
                IsCrownJewel = kind is AssetKind.Plc or AssetKind.SafetyController,
                ProcessLine = zone is "control" or "scada" ? "Line 2 – bottling" : null,
            });
        }

        for (var i = 1; i <= SouthAssetCount; i++)
        {
            db.Assets.Add(new Asset { Id = $"south-plc-{i}", SiteId = "south", ZoneId = "south-control", Name = $"Packer PLC {i}", Kind = AssetKind.Plc, OwnerTeamId = "ot-line2" });
        }

        await db.SaveChangesAsync();

        var (user, error) = await new UserAccounts(db, TimeProvider.System)
            .CreateAsync(UserName, "End-to-end engineer", Password, [(Role.Engineer, null)], "e2e-seed");
        if (user is null)
        {
            throw new InvalidOperationException("Could not create the test account: " + error?.Message);
        }
    }

    /// <summary>Adds an account (with <see cref="Password"/>) to a seeded database before the server starts.</summary>
    public static async Task AddUserAsync(string databasePath, string userName, params (Role Role, string? SiteId)[] roles)
    {
        await using var db = SeamDbContextFactory.Create(DatabaseOptions.Sqlite(databasePath));
        var (user, error) = await new UserAccounts(db, TimeProvider.System).CreateAsync(userName, userName, Password, roles, "e2e-seed");
        if (user is null)
        {
            throw new InvalidOperationException($"Could not create the test account {userName}: {error?.Message}");
        }
    }

    private static Zone Zone(string id, string name, PurdueLevel level, string? owner, params string[] subnets) =>
        new() { Id = id, SiteId = "north", Name = name, Level = level, OwnerTeamId = owner, Subnets = subnets, TargetSecurityLevel = level <= PurdueLevel.BasicControl ? 3 : 2 };

    private static Conduit Conduit(string id, string from, string to, params string[] services) =>
        new() { Id = id, SiteId = "north", FromZoneId = from, ToZoneId = to, Services = services.Select(Service).ToList(), EnforcedBy = "FW-" + from.ToUpperInvariant() };

    private static ServiceEndpoint Service(string text) =>
        ServiceEndpoint.TryParse(text, out var s, out var error) ? s.Value : throw new ArgumentException(error);
}
