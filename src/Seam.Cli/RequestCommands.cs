using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage;
using Seam.Storage.Exposure;
using Seam.Storage.Governance;

namespace Seam.Cli;

/// <summary>
/// <c>seam request …</c>: decision requests for scripts, straight on the database like the other commands. The acting
/// person is <c>--as</c> (default: the operating-system user name), a Seam user name as the policy's teams list them;
/// whoever can run the CLI against the database is trusted to say who they are, as with every DB-direct command.
/// </summary>
internal static class RequestCommands
{
    private static readonly Option<string?> As = new("--as") { Description = "Act as this Seam user (default: the operating-system user name)" };

    public static Command Create()
    {
        var command = new Command("request", "Decision requests: create, decide and carry out changes, access, risk acceptances (docs/governance.md)");
        command.Subcommands.Add(CreateRequest());
        command.Subcommands.Add(Simple("submit", "Route a draft by the current policy and send it for decision", (s, id, a, _, ct) => s.SubmitAsync(id, a, ct)));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(View("approve", approves: true));
        command.Subcommands.Add(View("reject", approves: false));
        command.Subcommands.Add(Rule());
        command.Subcommands.Add(Simple("withdraw", "Withdraw your request", (s, id, a, _, ct) => s.WithdrawAsync(id, a, ct)));
        command.Subcommands.Add(Schedule());
        command.Subcommands.Add(Simple("implemented", "Record that the approved work is done", (s, id, a, _, ct) => s.MarkImplementedAsync(id, a, ct)));
        command.Subcommands.Add(Simple("verify", "Confirm the work (not by whoever implemented it)", (s, id, a, _, ct) => s.VerifyAsync(id, a, ct)));
        command.Subcommands.Add(Simple("close", "Close a verified, rejected or withdrawn request", (s, id, a, _, ct) => s.CloseAsync(id, a, ct)));
        command.Subcommands.Add(Comment());
        command.Subcommands.Add(RevokeAccess());
        return command;
    }

    private static Command RevokeAccess()
    {
        var id = new Argument<string>("id") { Description = "The vendor access request (REQ-0042) or its grant (REQ-0042-grant)" };
        var reason = new Option<string>("--reason") { Description = "Why it ends early; the grantee and the requester read it (required)", Required = true };
        var command = new Command("revoke-access", "End an approved vendor access grant now, before its approved end") { id, reason, As, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(id)!.Trim();
            var grantId = given.EndsWith("-grant", StringComparison.Ordinal) ? given : given + "-grant";
            var service = await OpenAsync(parse, ct);
            var result = await service.RevokeGrantAsync(grantId, Actor(parse), parse.GetValue(reason)!, ct);
            if (result.Value is not { } end)
            {
                Console.Error.WriteLine($"seam request revoke-access: {result.Error!.Message} ({result.Error.Code})");
                return result.Error.Code switch
                {
                    GovernanceErrors.NotFound => ExitCodes.NotFound,
                    GovernanceErrors.Invalid => ExitCodes.InvalidInput,
                    _ => ExitCodes.Failure,
                };
            }

            Console.WriteLine(parse.GetValue(CommonOptions.Json)
                ? JsonSerializer.Serialize(new { grantId = end.GrantId, requestId = end.RequestId, kind = end.Kind, at = end.At, by = end.By, reason = end.Reason, approvedUntil = end.ScheduledEnd })
                : $"{end.GrantId} revoked by {end.By} at {end.At:yyyy-MM-dd HH:mm} UTC (approved until {end.ScheduledEnd:yyyy-MM-dd HH:mm} UTC): {end.Reason}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRequest()
    {
        var scenario = new Option<string>("--scenario") { Description = "change/patch, change/firmware, …, access/vendor-remote, risk-acceptance, …", Required = true };
        var site = new Option<string>("--site") { Description = "Site id", Required = true };
        var title = new Option<string>("--title") { Description = "What is asked, in a line", Required = true };
        var description = new Option<string?>("--description") { Description = "More detail" };
        var assets = new Option<string[]>("--asset") { Description = "Asset id the work touches (repeat)", AllowMultipleArgumentsPerToken = false };
        var findings = new Option<string[]>("--finding") { Description = "Finding id the request is about (repeat)" };
        var irreversible = new Option<bool>("--irreversible") { Description = "The change cannot simply be undone" };
        var downtime = new Option<double>("--downtime") { Description = "Hours of downtime the work needs" };
        var submit = new Option<bool>("--submit") { Description = "Submit straight away" };
        var grantee = new Option<string?>("--grantee") { Description = "access/vendor-remote: who gets access" };
        var vendor = new Option<string?>("--vendor") { Description = "access/vendor-remote: the vendor" };
        var method = new Option<string?>("--method") { Description = "access/vendor-remote: how, e.g. 'Secomea SiteManager'" };
        var landing = new Option<string?>("--landing-zone") { Description = "access/vendor-remote: the zone the session lands in" };
        var mfa = new Option<bool>("--mfa") { Description = "access/vendor-remote: MFA is required" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "access/vendor-remote: start (ISO 8601)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "access/vendor-remote: end (ISO 8601)" };
        var reason = new Option<string?>("--reason") { Description = "risk-acceptance: why the risk is acceptable" };
        var controls = new Option<string?>("--controls") { Description = "risk-acceptance: compensating controls" };
        var until = new Option<DateTimeOffset?>("--until") { Description = "risk-acceptance: expiry (ISO 8601); the finding is accepted with --finding" };
        var fromZone = new Option<string?>("--from-zone") { Description = "change/new-connection: the conduit's source zone" };
        var toZone = new Option<string?>("--to-zone") { Description = "change/new-connection: the conduit's target zone" };
        var services = new Option<string[]>("--service") { Description = "change/new-connection: a service such as modbus:tcp/502 (repeat)" };
        var command = new Command("create", "Draft a request (add --submit to send it at once)")
        {
            scenario, site, title, description, assets, findings, irreversible, downtime, submit, grantee, vendor, method, landing, mfa, from, to, reason,
            controls, until, fromZone, toZone, services, As, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!DecisionScenarios.TryParse(parse.GetValue(scenario)!, out var list) || list.Count != 1)
            {
                Console.Error.WriteLine($"--scenario: expected {DecisionScenarios.Expected}, not a group.");
                return ExitCodes.Usage;
            }

            var chosen = list[0];
            var findingIds = parse.GetValue(findings) ?? [];
            var details = new RequestDetails
            {
                Reversible = !parse.GetValue(irreversible),
                DowntimeHours = parse.GetValue(downtime),
                Access = chosen == DecisionScenario.VendorRemoteAccess
                    ? new VendorAccessDetails(parse.GetValue(grantee) ?? string.Empty, parse.GetValue(vendor), parse.GetValue(method) ?? string.Empty,
                        parse.GetValue(landing), parse.GetValue(assets) ?? [], parse.GetValue(mfa), parse.GetValue(from) ?? DateTimeOffset.UtcNow,
                        parse.GetValue(to) ?? DateTimeOffset.MinValue)
                    : null,
                Acceptance = chosen == DecisionScenario.RiskAcceptance && findingIds.Length > 0
                    ? new RiskAcceptanceDetails(findingIds[0], parse.GetValue(reason) ?? string.Empty, parse.GetValue(controls), parse.GetValue(until) ?? DateTimeOffset.MinValue)
                    : null,
                Connection = chosen == DecisionScenario.NewConnection && parse.GetValue(fromZone) is { } fz && parse.GetValue(toZone) is { } tz
                    ? new NewConnectionDetails(fz, tz, parse.GetValue(services) ?? [])
                    : null,
            };
            var service = await OpenAsync(parse, ct);
            var result = await service.CreateAsync(new NewRequest
            {
                Scenario = chosen,
                SiteId = parse.GetValue(site)!,
                Title = parse.GetValue(title)!,
                Description = parse.GetValue(description),
                AssetIds = parse.GetValue(assets) ?? [],
                FindingIds = findingIds,
                Details = details,
                Submit = parse.GetValue(submit),
            }, Actor(parse), ct);
            return Report(parse, "create", result);
        });
        return command;
    }

    private static Command List()
    {
        var site = new Option<string?>("--site") { Description = "Only this site" };
        var state = new Option<string?>("--state") { Description = "draft, submitted, inreview, disagreement, approved, rejected, withdrawn, scheduled, implemented, verified, closed" };
        var open = new Option<bool>("--open") { Description = "Only requests whose decision is awaited" };
        var limit = new Option<int>("--limit") { Description = "At most this many (default 50)", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "Requests, newest first") { site, state, open, limit, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            RequestState? stateFilter = null;
            if (parse.GetValue(state) is { } text)
            {
                if (!Enum.TryParse<RequestState>(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var s) || !Enum.IsDefined(s))
                {
                    Console.Error.WriteLine($"--state: '{text}' is not a state; expected draft, submitted, in-review, disagreement, approved, rejected, withdrawn, scheduled, implemented, verified or closed.");
                    return ExitCodes.Usage;
                }

                stateFilter = s;
            }

            var service = await OpenAsync(parse, ct);
            var page = await service.ListAsync(new RequestFilter
            {
                SiteId = parse.GetValue(site),
                State = stateFilter,
                Open = parse.GetValue(open) ? true : null,
                Limit = Math.Clamp(parse.GetValue(limit), 1, 500),
            }, ct);
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { total = page.Total, items = page.Items }, CliJson.Options));
                return ExitCodes.Ok;
            }

            foreach (var r in page.Items)
            {
                Console.WriteLine($"{r.Id}  {DecisionRequest.Describe(r.State),-14} {r.Scenario.Key(),-22} {r.SiteId,-12} {r.Tier?.ToString().ToLowerInvariant() ?? "-",-8} {r.RequestedBy,-12} {r.Title}");
            }

            Console.WriteLine($"{page.Items.Count} of {page.Total} request(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "Request id, e.g. REQ-0042" };
        var command = new Command("show", "A request with its routing, views and timeline") { id, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var service = await OpenAsync(parse, ct);
            var stored = await service.GetAsync(parse.GetValue(id)!, ct);
            if (stored is null)
            {
                Console.Error.WriteLine($"No request {parse.GetValue(id)}.");
                return ExitCodes.NotFound;
            }

            Print(parse, stored);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command View(string name, bool approves)
    {
        var id = new Argument<string>("id") { Description = "Request id" };
        var team = new Option<string?>("--team") { Description = "The team you act for (needed when you can act for several asked)" };
        var reason = new Option<string?>("--reason") { Description = approves ? "Why (optional)" : "Why, so the requester can act on it (required)" };
        var command = new Command(name, approves ? "Give your team's approval" : "Give your team's rejection, with a reason") { id, team, reason, As, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var service = await OpenAsync(parse, ct);
            var result = await service.RecordViewAsync(parse.GetValue(id)!, Actor(parse), parse.GetValue(team), approves, parse.GetValue(reason), ct);
            return Report(parse, name, result);
        });
        return command;
    }

    private static Command Rule()
    {
        var id = new Argument<string>("id") { Description = "Request id" };
        var approve = new Option<bool>("--approve") { Description = "Approve" };
        var reject = new Option<bool>("--reject") { Description = "Reject" };
        var reason = new Option<string>("--reason") { Description = "The written reason (required)", Required = true };
        var command = new Command("rule", "The seam owner's ruling on a disagreement or a request routed to it") { id, approve, reject, reason, As, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(approve) == parse.GetValue(reject))
            {
                Console.Error.WriteLine("seam request rule: give exactly one of --approve or --reject.");
                return ExitCodes.Usage;
            }

            var service = await OpenAsync(parse, ct);
            return Report(parse, "rule", await service.RuleAsync(parse.GetValue(id)!, Actor(parse), parse.GetValue(approve), parse.GetValue(reason)!, ct));
        });
        return command;
    }

    private static Command Schedule()
    {
        var id = new Argument<string>("id") { Description = "Request id" };
        var window = new Option<string>("--window") { Description = "Maintenance window id", Required = true };
        var command = new Command("schedule", "Plan approved work into the next occurrence of a maintenance window") { id, window, As, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var service = await OpenAsync(parse, ct);
            return Report(parse, "schedule", await service.ScheduleAsync(parse.GetValue(id)!, Actor(parse), parse.GetValue(window)!, ct));
        });
        return command;
    }

    private static Command Comment()
    {
        var id = new Argument<string>("id") { Description = "Request id" };
        var text = new Argument<string>("text") { Description = "The comment" };
        var command = new Command("comment", "Add a comment to the request's timeline") { id, text, As, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var service = await OpenAsync(parse, ct);
            return Report(parse, "comment", await service.CommentAsync(parse.GetValue(id)!, Actor(parse), parse.GetValue(text)!, ct));
        });
        return command;
    }

    private static Command Simple(string name, string description,
        Func<GovernanceService, string, string, ParseResult, CancellationToken, Task<GovernanceResult<StoredRequest>>> action)
    {
        var id = new Argument<string>("id") { Description = "Request id" };
        var command = new Command(name, description) { id, As, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var service = await OpenAsync(parse, ct);
            return Report(parse, name, await action(service, parse.GetValue(id)!, Actor(parse), parse, ct));
        });
        return command;
    }

    internal static string Actor(ParseResult parse) => parse.GetValue(As) is { Length: > 0 } name ? name : Environment.UserName;

    internal static async Task<GovernanceService> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var database = CommonOptions.ResolveDatabase(parse);
        await SeamDbContextFactory.PrepareAsync(database, ct);
        var contexts = new SeamDbContextFactory(database);
        return new GovernanceService(contexts, TimeProvider.System, new ExposureService(contexts, TimeProvider.System));
    }

    private static int Report(ParseResult parse, string command, GovernanceResult<StoredRequest> result)
    {
        if (result.Value is { } stored)
        {
            Print(parse, stored);
            return ExitCodes.Ok;
        }

        var error = result.Error!;
        Console.Error.WriteLine($"seam request {command}: {error.Message} ({error.Code})");
        return error.Code switch
        {
            GovernanceErrors.NotFound => ExitCodes.NotFound,
            GovernanceErrors.Invalid => ExitCodes.InvalidInput,
            _ => ExitCodes.Failure,
        };
    }

    private static void Print(ParseResult parse, StoredRequest stored)
    {
        var r = stored.Request;
        if (parse.GetValue(CommonOptions.Json))
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                id = r.Id,
                scenario = r.Scenario.Key(),
                siteId = r.SiteId,
                title = r.Title,
                state = DecisionRequest.Describe(r.State),
                requestedBy = r.RequestedBy,
                policyVersion = stored.PolicyVersion,
                route = r.Routing is { } routing ? RequestRouter.Describe(routing.Route) : null,
                tier = r.Routing?.Risk.Tier,
                forIt = r.Routing?.ForIt,
                forOt = r.Routing?.ForOt,
                dueAt = r.DueAt,
                waitingFor = stored.WaitingFor,
                views = r.Views,
                ruling = r.Ruling,
                timeline = r.Timeline,
            }, CliJson.Options));
            return;
        }

        Console.WriteLine($"{r.Id} {r.Title}");
        Console.WriteLine($"  {r.Scenario.Key()} on {r.SiteId}, asked by {r.RequestedBy}: {DecisionRequest.Describe(r.State)}");
        if (r.Routing is { } d)
        {
            Console.WriteLine($"  route {RequestRouter.Describe(d.Route)}, risk {d.Risk.Tier.ToString().ToLowerInvariant()} (policy v{stored.PolicyVersion})");
            Console.WriteLine($"  IT: {d.ForIt}");
            Console.WriteLine($"  OT: {d.ForOt}");
        }

        if (stored.WaitingFor.Count > 0)
        {
            Console.WriteLine($"  waiting for {string.Join(", ", stored.WaitingFor)} until {r.DueAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        }

        foreach (var e in r.Timeline)
        {
            Console.WriteLine($"  {e.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {e.Actor,-12} {e.Text}");
        }
    }
}

/// <summary>
/// For <c>seam serve --demo</c>: publishes docs/examples/decision-rights.yaml as version 1, gives each person it names an
/// account (with a random password nobody is shown: an admin resets it with <c>seam users reset-password</c> to sign in
/// as them), and leaves a handful of requests in different states so the governance pages have something to show.
/// </summary>
internal static class DemoGovernance
{
    public static async Task LoadAsync(DatabaseOptions database, CancellationToken ct)
    {
        var contexts = new SeamDbContextFactory(database);
        var service = new GovernanceService(contexts, TimeProvider.System, new ExposureService(contexts, TimeProvider.System));
        if (await service.CurrentPolicyAsync(ct) is not null)
        {
            return;
        }

        await using var stream = typeof(DemoGovernance).Assembly.GetManifestResourceStream("decision-rights.yaml")
            ?? throw new InvalidOperationException("The example policy is not embedded in the CLI.");
        var yaml = await new StreamReader(stream).ReadToEndAsync(ct);
        var published = await service.PublishPolicyAsync(yaml, "docs/examples/decision-rights.yaml", UsersCommand.CliActor, ct);
        var policy = (await service.CurrentPolicyAsync(ct))?.Policy
            ?? throw new InvalidOperationException("The example policy did not publish: " + published.Refusal);
        await CreateMembersAsync(database, policy, ct);

        await using var db = contexts.Create();
        var assets = await db.Assets.AsNoTracking().ToListAsync(ct);
        var zones = await db.Zones.AsNoTracking().ToDictionaryAsync(z => z.Id, z => z.Level, ct);
        Asset? Pick(string site, AssetKind kind, Func<PurdueLevel, bool>? level = null) =>
            assets.Where(a => a.SiteId == site && a.Kind == kind && (level is null || (a.ZoneId is { } z && zones.TryGetValue(z, out var l) && level(l))))
                .OrderByDescending(a => a.Criticality).ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault();

        async Task<StoredRequest?> Ask(string by, DecisionScenario scenario, string site, string title, Asset? asset, RequestDetails? details = null)
        {
            if (asset is null)
            {
                return null;
            }

            var created = await service.CreateAsync(new NewRequest
            {
                Scenario = scenario,
                SiteId = site,
                Title = title,
                AssetIds = [asset.Id],
                Details = details ?? new RequestDetails(),
                Submit = true,
            }, by, ct);
            return created.Value;
        }

        // Approves (or, for the teams listed, rejects) with a member of each team the request waits for.
        async Task Decide(StoredRequest? request, params string[] rejecting)
        {
            foreach (var team in request?.WaitingFor ?? [])
            {
                var member = policy.Team(team)?.Members.FirstOrDefault(m => m != request!.Request.RequestedBy);
                if (member is not null)
                {
                    var reject = rejecting.Contains(team);
                    await service.RecordViewAsync(request!.Request.Id, member, team, !reject, reject ? "No tested rollback; do it after the spare is flashed." : null, ct);
                }
            }
        }

        await Ask("lea.schmidt", DecisionScenario.Patch, "riverside", "Monthly Windows updates for an office PC", Pick("riverside", AssetKind.Workstation, l => l >= PurdueLevel.Enterprise));
        await Ask("tomas.novak", DecisionScenario.Firmware, "riverside", "Filler PLC firmware to the vendor's fixed release", Pick("riverside", AssetKind.Plc));
        var disputed = await Ask("jonas.weber", DecisionScenario.Configuration, "riverside", "Enable SNMPv3 monitoring on the packaging PLC",
            Pick("riverside", AssetKind.Plc), new RequestDetails { Reversible = false, DowntimeHours = 2 });
        await Decide(disputed, "riverside.it");
        var sis = Pick("eastport", AssetKind.SafetyController);
        var now = DateTimeOffset.UtcNow;
        await Ask("claire.dubois", DecisionScenario.VendorRemoteAccess, "eastport", "Triconex diagnostics on the SIS", sis, new RequestDetails
        {
            Access = new VendorAccessDetails("claire.dubois", "Schneider Electric – Triconex services", "Secomea SiteManager", sis?.ZoneId, sis is null ? [] : [sis.Id], true,
                now.AddDays(1), now.AddDays(1).AddHours(6)),
        });
        var hmi = await Ask("daniel.kim", DecisionScenario.Patch, "eastport", "HMI runtime hotfix on Unit 100", Pick("eastport", AssetKind.Hmi));
        await Decide(hmi);
        if (hmi is not null)
        {
            await service.MarkImplementedAsync(hmi.Request.Id, "daniel.kim", ct);
            await service.VerifyAsync(hmi.Request.Id, "sofia.martins", ct);
            await service.CloseAsync(hmi.Request.Id, "daniel.kim", ct);
        }
    }

    private static async Task CreateMembersAsync(DatabaseOptions database, DecisionRightsPolicy policy, CancellationToken ct)
    {
        await using var db = SeamDbContextFactory.Create(database);
        var accounts = new UserAccounts(db, TimeProvider.System);
        foreach (var team in policy.Teams)
        {
            var site = team.Id.Split('.')[0] is "riverside" or "eastport" ? team.Id.Split('.')[0] : null;
            (Role Role, string? Site) role = team.Side switch
            {
                TeamSide.Vendor => (Role.Vendor, "eastport"),
                _ when team.Id == policy.SeamOwner => (Role.Approver, null),
                _ => (Role.Engineer, site),
            };
            foreach (var member in team.Members)
            {
                if (!await db.Users.AnyAsync(u => u.UserName == member, ct))
                {
                    // The password is never shown: the account exists so its decisions have a name; an admin resets it to use it.
                    await accounts.CreateAsync(member, null, UsersCommand.GeneratePassword(), [role], UsersCommand.CliActor, ct);
                }
            }
        }
    }
}
