using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Seam.Access;
using Seam.Inventory;
using Seam.Storage;
using Seam.Storage.Governance;

namespace Seam.Server.Tests.Governance;

/// <summary>
/// The real server on a fake clock, with a published policy and the people it names: ian and ivy (IT, engineers on
/// north), otto (OT, approver on north), olga (OT, engineer on south only), sam (seam owner, approver everywhere),
/// dora (engineer on north, a stand-in), claire (a vendor on north). North has an office PC and two PLCs.
/// </summary>
public sealed class GovernanceServerFixture : SeamServerFixture, IAsyncLifetime
{
    public const string Policy = """
        version: 1
        seam-owner: seam
        teams:
          - id: seam
            name: Seam owner
            side: joint
            members: [sam]
          - id: it
            name: Site IT
            side: it
            members: [ian, ivy]
            escalates-to: seam
          - id: ot
            name: Automation
            side: ot
            members: [otto, olga]
            escalates-to: seam
          - id: vendors
            name: Vendors
            side: vendor
            members: [claire]
        rules:
          - id: office-changes
            scenarios: [change/*]
            scope: { purdue-levels: [4, 5] }
            responsible: it
            approvers: { any-of: [it] }
            informed: [ot]
            deadline: 3d
          - id: control-changes
            scenarios: [change/*]
            scope: { purdue-levels: [0, 1, 2, 3] }
            responsible: ot
            approvers: { all-of: [ot] }
            consulted: [it]
            deadline: 5d
          - id: access
            scenarios: [access/*]
            responsible: it
            approvers: { all-of: [it, ot] }
            deadline: 1d
          - id: group
            scenarios: [incident, solution, risk-acceptance, active-scan]
            responsible: seam
            approvers: { any-of: [seam] }
            deadline: 2d
        """;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    protected override TimeProvider CreateClock() => Clock;

    public HttpClient As(string user) => Client(Tokens[user]);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WithScopeAsync(async services =>
        {
            await using var db = services.GetRequiredService<SeamDbContextFactory>().Create();
            db.Zones.Add(new Zone { Id = "north-office", SiteId = "north", Name = "North office", Level = PurdueLevel.Enterprise });
            db.Zones.Add(new Zone { Id = "north-dmz", SiteId = "north", Name = "North DMZ", Level = PurdueLevel.IndustrialDmz });
            db.Assets.AddRange(
                new Asset { Id = "north-pc", SiteId = "north", ZoneId = "north-office", Name = "Office PC", Kind = AssetKind.Workstation, Criticality = 2 },
                new Asset { Id = "north-plc", SiteId = "north", ZoneId = "north-cell", Name = "Filler PLC", Kind = AssetKind.Plc, Criticality = 4 },
                new Asset { Id = "north-plc5", SiteId = "north", ZoneId = "north-cell", Name = "Capper PLC", Kind = AssetKind.Plc, Criticality = 5 },
                new Asset { Id = "south-plc", SiteId = "south", ZoneId = "south-cell", Name = "South PLC", Kind = AssetKind.Plc, Criticality = 4 });
            db.MaintenanceWindows.Add(new MaintenanceWindow { Id = "north-sunday", SiteId = "north", Name = "Sunday stop" });
            await db.SaveChangesAsync();
            var published = await services.GetRequiredService<GovernanceService>().PublishPolicyAsync(Policy, "policy.yaml", "admin");
            Assert.True(published.Succeeded, published.Refusal);
            return 0;
        });
        foreach (var (name, roles) in new (string, (Role, string?)[])[]
        {
            ("ian", [(Role.Engineer, "north")]),
            ("ivy", [(Role.Engineer, "north")]),
            ("otto", [(Role.Approver, "north")]),
            ("olga", [(Role.Engineer, "south")]),
            ("sam", [(Role.Approver, null)]),
            ("dora", [(Role.Engineer, "north")]),
            ("claire", [(Role.Vendor, "north")]),
        })
        {
            Tokens[name] = await CreateUserAsync(name, roles);
        }
    }
}
