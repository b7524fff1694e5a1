using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Exposure.Model;
using Seam.Governance.Notifications;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;
using Seam.Storage.Audit;
using Seam.Storage.Exposure;

namespace Seam.Storage.Governance;

/// <summary>
/// Decision rights in the database: publishes policy versions and runs every command on a request. The rules live in
/// <see cref="DecisionRequest"/>; this class loads a request, lets it decide, and writes the outcome in one
/// SaveChanges with an audit entry and the notifications it causes (rows another part delivers). Callers pass the
/// acting user; who may act on which site is the API's business (src/Seam.Server/Features/Auth/README.md).
/// </summary>
public sealed partial class GovernanceService(SeamDbContextFactory contexts, TimeProvider time, ExposureService exposure)
{
    public const string AuditType = "request";
    public const string PolicyAuditType = "policy";

    /// <summary>Largest attachment stored, in bytes.</summary>
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    private readonly RequestFootprints footprints = new(exposure);

    // ---------------------------------------------------------------- policy

    /// <summary>Validates and stores a policy. Its 'version' must be above the current one, so versions read like code history.</summary>
    public async Task<PolicyPublishResult> PublishPolicyAsync(string yaml, string fileName, string actor, CancellationToken cancellationToken = default)
    {
        var parsed = PolicyYaml.Parse(yaml, fileName);
        if (!parsed.Succeeded)
        {
            return new PolicyPublishResult(null, parsed.Problems, $"{parsed.Problems.Count} problem(s); the policy was not published.");
        }

        await using var db = contexts.Create();
        var current = await db.PolicyVersions.AsNoTracking().MaxAsync(p => (int?)p.Version, cancellationToken);
        var version = parsed.Policy!.Version;
        if (current is { } c && version <= c)
        {
            return new PolicyPublishResult(null, [], $"Version {version} is not above the current version {c}; raise 'version' to {c + 1} to publish.");
        }

        var now = time.GetUtcNow();
        var record = new PolicyVersionRecord { Version = version, Yaml = yaml, PublishedBy = actor, PublishedAt = now };
        db.PolicyVersions.Add(record);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "create",
            EntityType = PolicyAuditType,
            EntityId = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Summary = $"Published decision-rights policy v{version} ({parsed.Policy.Teams.Count} team(s), {parsed.Policy.Rules.Count} rule(s)).",
        });
        await db.SaveChangesAsync(cancellationToken);
        return new PolicyPublishResult(Info(record), [], null);
    }

    /// <summary>The latest published policy, or null before the first publication.</summary>
    public async Task<CurrentPolicy?> CurrentPolicyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await CurrentPolicyAsync(db, cancellationToken);
    }

    public async Task<IReadOnlyList<PolicyVersionInfo>> PolicyVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var all = await db.PolicyVersions.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
        return [.. all.Select(Info)];
    }

    public async Task<PolicyVersionInfo?> PolicyVersionAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.PolicyVersions.AsNoTracking().Where(p => p.Version == version).Select(p => Info(p)).FirstOrDefaultAsync(cancellationToken);
    }

    private static PolicyVersionInfo Info(PolicyVersionRecord p) => new(p.Version, p.PublishedBy, p.PublishedAt, p.Yaml);

    /// <summary>
    /// The latest version, parsed once per version: a published version never changes, and the inbox reads it on every
    /// call. Only the version number is read from the database when it is already known.
    /// </summary>
    private async Task<CurrentPolicy?> CurrentPolicyAsync(SeamDbContext db, CancellationToken cancellationToken)
    {
        var latest = await db.PolicyVersions.AsNoTracking().MaxAsync(p => (int?)p.Version, cancellationToken);
        if (latest is not { } version)
        {
            return null;
        }

        if (parsedPolicy is { } known && known.Publication.Version == version)
        {
            return known;
        }

        var record = await db.PolicyVersions.AsNoTracking().FirstAsync(p => p.Version == version, cancellationToken);
        var parsed = PolicyYaml.Parse(record.Yaml, $"policy v{record.Version}");
        var current = parsed.Succeeded ? new CurrentPolicy(parsed.Policy!, Info(record)) : throw new InvalidDataException($"Stored policy v{record.Version} no longer parses.");
        parsedPolicy = current;
        return current;
    }

    private volatile CurrentPolicy? parsedPolicy;

    // ---------------------------------------------------------------- requests

    /// <summary>Drafts a request (and submits it when asked). Assets, findings and zones must exist on the request's site.</summary>
    /// <remarks>
    /// The number is read before the request is prepared (routing may run the exposure what-if, which writes on its own
    /// connection, so it cannot run under the log's write lock) and checked again under that lock when saving: when
    /// another request took it meanwhile, the request is prepared afresh with the next number. Two requests created at the
    /// same instant therefore get consecutive numbers instead of colliding on the unique index.
    /// </remarks>
    public async Task<GovernanceResult<StoredRequest>> CreateAsync(NewRequest input, string actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = contexts.Create();
            var now = time.GetUtcNow();
            if (await ValidateAsync(db, input, now, cancellationToken) is { } problem)
            {
                return GovernanceErrors.BadInput(problem);
            }

            var number = await NextNumberAsync(db, cancellationToken);
            var prepared = await PrepareAsync(db, input, actor, number, now, cancellationToken);
            if (prepared.Error is { } refused)
            {
                return refused;
            }

            if (await SaveNumberedAsync(db, number, cancellationToken))
            {
                return await Stored(db, prepared.Value!, cancellationToken);
            }

            if (attempt == MaxNumberAttempts)
            {
                throw new InvalidOperationException($"No free request number after {attempt} attempts; requests are being created faster than they can be saved.");
            }
        }
    }

    /// <summary>How often a request is prepared again because its number was taken meanwhile; each round one racer wins.</summary>
    private const int MaxNumberAttempts = 64;

    private static async Task<int> NextNumberAsync(SeamDbContext db, CancellationToken cancellationToken) =>
        (await db.Requests.AsNoTracking().MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;

    /// <summary>Saves a new request under the audit log's write lock, unless <paramref name="number"/> is no longer the next one.</summary>
    private static async Task<bool> SaveNumberedAsync(SeamDbContext db, int number, CancellationToken cancellationToken)
    {
        await using var transaction = await AuditChaining.BeginLockedAsync(db, cancellationToken);
        if (await NextNumberAsync(db, cancellationToken) != number)
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<GovernanceResult<Loaded>> PrepareAsync(SeamDbContext db, NewRequest input, string actor, int number, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var request = new DecisionRequest($"REQ-{number:0000}", input.Scenario, input.SiteId, input.Title.Trim(), actor, now)
        {
            Description = input.Description,
            AssetIds = [.. input.AssetIds.Distinct(StringComparer.Ordinal)],
            FindingIds = [.. input.FindingIds.Concat(input.Details.Acceptance is { } a ? [a.FindingId] : []).Distinct(StringComparer.Ordinal)],
        };
        var record = new RequestRecord
        {
            Id = request.Id,
            Number = number,
            Scenario = request.Scenario.Key(),
            SiteId = request.SiteId,
            Title = request.Title,
            State = request.State.ToString(),
            RequestedBy = actor,
            CreatedAt = now,
            Grantee = input.Details.Access?.Grantee,
            Document = string.Empty,
            Details = GovernanceJson.Write(input.Details),
        };
        db.Requests.Add(record);
        foreach (var asset in request.AssetIds)
        {
            db.RequestLinks.Add(new RequestLinkRecord { RequestId = request.Id, Kind = "asset", TargetId = asset });
        }

        foreach (var finding in request.FindingIds)
        {
            db.RequestLinks.Add(new RequestLinkRecord { RequestId = request.Id, Kind = "finding", TargetId = finding });
        }

        var loaded = new Loaded(record, request, input.Details, 0);
        if (input.Submit)
        {
            if (await SubmitAsync(db, loaded, actor, now, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        else
        {
            Save(db, loaded, actor, now, "create", $"{actor} drafted {request.Id} '{request.Title}' ({request.Scenario.Key()}) on {request.SiteId}.");
        }

        return loaded;
    }

    /// <summary>Routes a draft by the current policy (footprint from the stored inventory and the exposure what-if) and sends it on its way.</summary>
    public Task<GovernanceResult<StoredRequest>> SubmitAsync(string id, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(id, (db, loaded, now) => SubmitAsync(db, loaded, actor, now, cancellationToken), cancellationToken);

    /// <summary>A team's view. <paramref name="team"/> may be null when the actor can act for exactly one of the teams asked.</summary>
    public Task<GovernanceResult<StoredRequest>> RecordViewAsync(string id, string actor, string? team, bool approves, string? reason,
        CancellationToken cancellationToken = default) =>
        RunAsync(id, async (db, loaded, now) =>
        {
            if (await CurrentPolicyAsync(db, cancellationToken) is not { } current)
            {
                return NoPolicy();
            }

            var delegations = await ActiveDelegationsAsync(db, actor, now, cancellationToken);
            var request = loaded.Request;
            if (team is null)
            {
                var teams = ActingTeams(current.Policy, actor, delegations, request.WaitingFor());
                if (teams.Count > 1)
                {
                    return new RequestError("team-required", $"{actor} can act for several of the teams asked ({string.Join(", ", teams)}); say which.");
                }

                team = teams.FirstOrDefault();
            }

            if (team is null)
            {
                return new RequestError("not-a-member", $"{actor} is not a member of, and holds no delegation for, any team this request waits for ({string.Join(", ", request.WaitingFor())}).");
            }

            var before = request.State;
            if (request.RecordView(actor, team, approves, reason, current.Policy, delegations, now) is { } refused)
            {
                return refused;
            }

            await AfterDecisionAsync(db, loaded, before, current.Policy, actor, now, cancellationToken);
            Save(db, loaded, actor, now, "update", $"{actor} for {team}: {(approves ? "approve" : "reject")} {request.Id}; now {DecisionRequest.Describe(request.State)}.");
            return null;
        }, cancellationToken);

    public Task<GovernanceResult<StoredRequest>> RuleAsync(string id, string actor, bool approves, string reason, CancellationToken cancellationToken = default) =>
        RunAsync(id, async (db, loaded, now) =>
        {
            if (await CurrentPolicyAsync(db, cancellationToken) is not { } current)
            {
                return NoPolicy();
            }

            var before = loaded.Request.State;
            if (loaded.Request.RuleAsSeamOwner(actor, approves, reason, current.Policy, now) is { } refused)
            {
                return refused;
            }

            await AfterDecisionAsync(db, loaded, before, current.Policy, actor, now, cancellationToken);
            Save(db, loaded, actor, now, "update", $"{actor} ruled for the seam owner on {loaded.Request.Id}: {(approves ? "approve" : "reject")} — {reason}");
            return null;
        }, cancellationToken);

    public Task<GovernanceResult<StoredRequest>> WithdrawAsync(string id, string actor, CancellationToken cancellationToken = default) =>
        Simple(id, actor, (r, now) => r.Withdraw(actor, now), "withdrew", cancellationToken);

    public Task<GovernanceResult<StoredRequest>> MarkImplementedAsync(string id, string actor, CancellationToken cancellationToken = default) =>
        Simple(id, actor, (r, now) => r.MarkImplemented(actor, now), "marked implemented", cancellationToken);

    public Task<GovernanceResult<StoredRequest>> VerifyAsync(string id, string actor, CancellationToken cancellationToken = default) =>
        Simple(id, actor, (r, now) => r.Verify(actor, now), "verified", cancellationToken);

    public Task<GovernanceResult<StoredRequest>> CloseAsync(string id, string actor, CancellationToken cancellationToken = default) =>
        Simple(id, actor, (r, now) => r.Close(actor, now), "closed", cancellationToken);

    public Task<GovernanceResult<StoredRequest>> CommentAsync(string id, string actor, string text, CancellationToken cancellationToken = default) =>
        Simple(id, actor, (r, now) => r.Comment(actor, text, now), "commented on", cancellationToken);

    /// <summary>Plans approved work into the next occurrence of a maintenance window on the request's site.</summary>
    public Task<GovernanceResult<StoredRequest>> ScheduleAsync(string id, string actor, string windowId, CancellationToken cancellationToken = default) =>
        RunAsync(id, async (db, loaded, now) =>
        {
            var window = await db.MaintenanceWindows.AsNoTracking().FirstOrDefaultAsync(w => w.Id == windowId, cancellationToken);
            if (window is null)
            {
                return new RequestError(GovernanceErrors.NotFound, $"No maintenance window {windowId}.");
            }

            if (loaded.Request.Schedule(actor, window, now) is { } refused)
            {
                return refused;
            }

            Save(db, loaded, actor, now, "update", $"{actor} scheduled {loaded.Request.Id} into {window.Name} on {loaded.Request.ScheduledFor:yyyy-MM-dd HH:mm} UTC.");
            return null;
        }, cancellationToken);

    /// <summary>Stores a file on a request: bytes in the database up to <see cref="MaxAttachmentBytes"/>, with its SHA-256.</summary>
    public async Task<GovernanceResult<AttachmentInfo>> AttachAsync(string id, string actor, string fileName, string contentType, byte[] content,
        CancellationToken cancellationToken = default)
    {
        if (content.Length == 0 || content.Length > MaxAttachmentBytes)
        {
            return GovernanceErrors.BadInput($"An attachment holds 1 byte to {MaxAttachmentBytes / (1024 * 1024)} MB; {fileName} has {content.Length} bytes.");
        }

        var name = Path.GetFileName(fileName.Trim());
        if (name.Length is 0 or > 255)
        {
            return GovernanceErrors.BadInput("An attachment needs a file name of at most 255 characters.");
        }

        await using var db = contexts.Create();
        var record = await db.Requests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return GovernanceErrors.RequestNotFound(id);
        }

        if (record.State == nameof(RequestState.Closed))
        {
            return new RequestError("closed", "A closed request takes no more attachments.");
        }

        var now = time.GetUtcNow();
        var attachment = new RequestAttachmentRecord
        {
            RequestId = id,
            FileName = name,
            ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Trim(),
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            UploadedBy = actor,
            UploadedAt = now,
        };
        db.RequestAttachments.Add(attachment);
        db.AuditEntries.Add(Audit(record.Id, record.SiteId, actor, now, "update", $"{actor} attached {name} ({content.Length} bytes, SHA-256 {attachment.Sha256}) to {id}."));
        await db.SaveChangesAsync(cancellationToken);
        return ToInfo(attachment);
    }

    public async Task<AttachmentContent?> AttachmentAsync(string id, long attachmentId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var a = await db.RequestAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.RequestId == id && x.Id == attachmentId, cancellationToken);
        return a is null ? null : new AttachmentContent(ToInfo(a), a.Content);
    }

    // ---------------------------------------------------------------- delegations

    /// <summary>Lets <paramref name="delegate"/> act for <paramref name="member"/>'s teams from–until.</summary>
    public async Task<GovernanceResult<DelegationInfo>> DelegateAsync(string member, string @delegate, DateTimeOffset from, DateTimeOffset until, string actor,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(member) || string.IsNullOrWhiteSpace(@delegate))
        {
            return GovernanceErrors.BadInput("A delegation names the member who is away and the delegate who acts for them.");
        }

        if (member == @delegate)
        {
            return GovernanceErrors.BadInput("A member cannot delegate to themselves.");
        }

        if (until <= from)
        {
            return GovernanceErrors.BadInput($"A delegation must end after it starts ({from:yyyy-MM-dd HH:mm} UTC).");
        }

        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var record = new DelegationRecord { Member = member, Delegate = @delegate, From = from, Until = until, CreatedBy = actor, CreatedAt = now };
        db.Delegations.Add(record);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "create",
            EntityType = "delegation",
            EntityId = $"{member}->{@delegate}",
            Summary = $"{@delegate} acts for {member} from {from:yyyy-MM-dd HH:mm} to {until:yyyy-MM-dd HH:mm} UTC.",
        });
        await db.SaveChangesAsync(cancellationToken);
        return ToInfo(record);
    }

    /// <summary>Ends a delegation now. Only its member, its creator or an admin (<paramref name="asAdmin"/>) may.</summary>
    public async Task<GovernanceResult<DelegationInfo>> RevokeDelegationAsync(long id, string actor, bool asAdmin, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var record = await db.Delegations.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (record is null)
        {
            return new RequestError(GovernanceErrors.NotFound, $"No delegation {id}.");
        }

        if (!asAdmin && actor != record.Member && actor != record.CreatedBy)
        {
            return new RequestError(GovernanceErrors.Forbidden, $"Only {record.Member}, who delegated, or an admin ends this delegation.");
        }

        var now = time.GetUtcNow();
        record.RevokedAt = now;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "update",
            EntityType = "delegation",
            EntityId = $"{record.Member}->{record.Delegate}",
            Summary = $"{actor} ended {record.Delegate}'s delegation for {record.Member}.",
        });
        await db.SaveChangesAsync(cancellationToken);
        return ToInfo(record);
    }

    // ---------------------------------------------------------------- escalation

    /// <summary>Escalates every decision past its deadline, once each; returns the ids escalated.</summary>
    public async Task<IReadOnlyList<string>> EscalateOverdueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = time.GetUtcNow();
        var awaiting = new[] { nameof(RequestState.InReview), nameof(RequestState.Disagreement) };
        var overdue = await db.Requests.Where(r => awaiting.Contains(r.State) && r.EscalatedAt == null && r.DueAt <= now)
            .OrderBy(r => r.DueAt).ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return [];
        }

        var policy = (await CurrentPolicyAsync(db, cancellationToken))?.Policy;
        var escalated = new List<string>();
        foreach (var record in overdue)
        {
            var loaded = await LoadAsync(db, record, cancellationToken);
            if (!loaded.Request.EscalateIfOverdue(now))
            {
                continue;
            }

            var routing = loaded.Request.Routing!;
            var to = loaded.Request.State == RequestState.Disagreement ? routing.SeamOwner : routing.EscalateTo;
            foreach (var member in Members(policy, [to]))
            {
                Notify(db, member, "request-escalated", loaded.Request, now,
                    $"Escalated to you: {loaded.Request.Id} {loaded.Request.Title}",
                    $"No decision on {loaded.Request.Id} by {loaded.Request.DueAt:yyyy-MM-dd HH:mm} UTC; it waits for {string.Join(", ", loaded.Request.WaitingFor())}. {to} is asked to unblock it.",
                    NotificationChannels.Email | NotificationChannels.Webhook);
            }

            Save(db, loaded, "seam", now, "update", $"{loaded.Request.Id} escalated to {to}: no decision by {loaded.Request.DueAt:yyyy-MM-dd HH:mm} UTC.");
            escalated.Add(record.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return escalated;
    }

    // ---------------------------------------------------------------- machinery

    private sealed record Loaded(RequestRecord Record, DecisionRequest Request, RequestDetails Details, int StoredEvents)
    {
        public RequestFootprint? Footprint { get; set; }
    }

    private delegate Task<RequestError?> Command(SeamDbContext db, Loaded loaded, DateTimeOffset now);

    private Task<GovernanceResult<StoredRequest>> Simple(string id, string actor, Func<DecisionRequest, DateTimeOffset, RequestError?> command, string verb,
        CancellationToken cancellationToken) =>
        RunAsync(id, (db, loaded, now) =>
        {
            var before = loaded.Request.State;
            if (command(loaded.Request, now) is { } refused)
            {
                return Task.FromResult<RequestError?>(refused);
            }

            var moved = before == loaded.Request.State ? string.Empty : $" ({DecisionRequest.Describe(before)} → {DecisionRequest.Describe(loaded.Request.State)})";
            Save(db, loaded, actor, now, "update", $"{actor} {verb} {loaded.Request.Id}{moved}.");
            return Task.FromResult<RequestError?>(null);
        }, cancellationToken);

    /// <summary>Loads a request, runs a command on it and saves everything the command recorded in one SaveChanges; a refusal writes nothing.</summary>
    private async Task<GovernanceResult<StoredRequest>> RunAsync(string id, Command command, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var record = await db.Requests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return GovernanceErrors.RequestNotFound(id);
        }

        var loaded = await LoadAsync(db, record, cancellationToken);
        var refused = await command(db, loaded, time.GetUtcNow());
        if (refused is not null)
        {
            return refused;
        }

        await db.SaveChangesAsync(cancellationToken);
        return await Stored(db, loaded, cancellationToken);
    }

    private async Task<RequestError?> SubmitAsync(SeamDbContext db, Loaded loaded, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await CurrentPolicyAsync(db, cancellationToken) is not { } current)
        {
            return NoPolicy();
        }

        var request = loaded.Request;
        if (request.RefusesSubmit(actor) is { } early)
        {
            return early;
        }

        var footprint = await footprints.OfAsync(db, request, loaded.Details, cancellationToken);
        var routing = RequestRouter.Route(current.Policy, request.Scenario, footprint);
        if (request.Submit(actor, routing, now) is { } refused)
        {
            return refused;
        }

        loaded.Footprint = footprint;
        loaded.Record.Footprint = GovernanceJson.Write(footprint);
        loaded.Record.PolicyVersion = current.Publication.Version;
        if (routing.Route == Route.FastLane)
        {
            foreach (var member in Members(current.Policy, routing.Informed))
            {
                Notify(db, member, "request-fast-lane", request, now, $"Fast lane: {request.Id} {request.Title}",
                    $"{request.RequestedBy}'s {request.Scenario.Key()} on {request.SiteId} was approved on submission (risk {routing.Risk.Tier}). {routing.ForOt}",
                    NotificationChannels.Inbox);
            }

            await AfterDecisionAsync(db, loaded, RequestState.Submitted, current.Policy, actor, now, cancellationToken);
        }
        else
        {
            NotifyWaiting(db, current.Policy, request, now);
        }

        Save(db, loaded, actor, now, "update", $"{actor} submitted {request.Id}: {RequestRouter.Describe(routing.Route)} route by policy v{current.Publication.Version}, risk {routing.Risk.Tier}.");
        return null;
    }

    /// <summary>Notifications and side effects once a view or ruling moved the request.</summary>
    private async Task AfterDecisionAsync(SeamDbContext db, Loaded loaded, RequestState before, DecisionRightsPolicy policy, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var request = loaded.Request;
        if (request.State == before)
        {
            return;
        }

        if (request.State == RequestState.Disagreement)
        {
            NotifyWaiting(db, policy, request, now);
            return;
        }

        if (request.State is not (RequestState.Approved or RequestState.Rejected))
        {
            return;
        }

        if (request.Routing?.Route != Route.FastLane)
        {
            Notify(db, request.RequestedBy, "request-decided", request, now, $"{request.Id} {DecisionRequest.Describe(request.State)}: {request.Title}",
                $"{request.Id} was {DecisionRequest.Describe(request.State)} ({(request.Ruling is { } r ? $"seam owner {r.By}: {r.Reason}" : string.Join("; ", request.Views.Select(v => $"{v.Team} {(v.Approves ? "approve" : "reject")}")))}).",
                NotificationChannels.Email | NotificationChannels.Webhook);
        }

        if (request.State == RequestState.Approved)
        {
            await ApplyApprovalAsync(db, loaded, actor, now, cancellationToken);
        }
    }

    /// <summary>What an approval sets in motion outside the request: a vendor's access grant, a finding's acceptance.</summary>
    private static async Task ApplyApprovalAsync(SeamDbContext db, Loaded loaded, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = loaded.Request;
        if (request.Scenario == DecisionScenario.VendorRemoteAccess && loaded.Details.Access is { } a)
        {
            var grant = new AccessGrant
            {
                Id = $"{request.Id}-grant",
                SiteId = request.SiteId,
                Grantee = a.Grantee,
                Vendor = a.Vendor,
                Method = a.Method,
                ZoneId = a.LandingZoneId,
                AssetIds = a.AssetIds,
                MfaRequired = a.Mfa,
                From = a.From,
                To = a.To,
            };
            db.AccessGrants.Add(grant);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                Actor = actor,
                Action = "create",
                EntityType = "access-grant",
                EntityId = grant.Id,
                SiteId = grant.SiteId,
                Summary = $"{a.Grantee} ({a.Vendor ?? "no vendor"}) may reach {string.Join(", ", a.AssetIds)} via {a.Method} from {a.From:yyyy-MM-dd HH:mm} to {a.To:yyyy-MM-dd HH:mm} UTC, approved in {request.Id}.",
            });
        }

        if (request.Scenario == DecisionScenario.RiskAcceptance && loaded.Details.Acceptance is { } acceptance)
        {
            var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == acceptance.FindingId, cancellationToken);
            if (finding is not null && acceptance.Until > now)
            {
                var reason = $"{acceptance.Reason}{(string.IsNullOrWhiteSpace(acceptance.CompensatingControls) ? string.Empty : $" Compensating controls: {acceptance.CompensatingControls}")} (request {request.Id})";
                db.FindingStateChanges.Add(finding.Accept(request.RequestedBy, now, reason, acceptance.Until));
                db.AuditEntries.Add(new AuditEntry
                {
                    At = now,
                    Actor = actor,
                    Action = "update",
                    EntityType = "finding",
                    EntityId = finding.Id,
                    SiteId = finding.SiteId,
                    Summary = $"Finding {finding.VulnerabilityId} on {finding.AssetId} accepted until {acceptance.Until:yyyy-MM-dd} by {request.Id}.",
                });
            }
        }
    }

    private static void NotifyWaiting(SeamDbContext db, DecisionRightsPolicy policy, DecisionRequest request, DateTimeOffset now)
    {
        var teams = request.WaitingFor();
        foreach (var member in Members(policy, teams).Where(m => m != request.RequestedBy))
        {
            Notify(db, member, "decision-waiting", request, now, $"Decision needed: {request.Id} {request.Title}",
                $"{request.RequestedBy} asks for {request.Scenario.Key()} on {request.SiteId}; {string.Join(", ", teams)} decide{(teams.Count == 1 ? "s" : string.Empty)} by {request.DueAt:yyyy-MM-dd HH:mm} UTC. {request.Routing?.ForOt}",
                NotificationChannels.Email | NotificationChannels.Webhook);
        }
    }

    private static IEnumerable<string> Members(DecisionRightsPolicy? policy, IEnumerable<string> teams) =>
        policy is null ? [] : teams.SelectMany(t => policy.Team(t)?.Members ?? []).Distinct(StringComparer.Ordinal);

    private static void Notify(SeamDbContext db, string recipient, string kind, DecisionRequest request, DateTimeOffset now, string subject, string body,
        NotificationChannels channels) =>
        db.Notifications.Add(new Notification
        {
            CreatedAt = now,
            Recipient = recipient,
            Kind = kind,
            Subject = subject.Length > 300 ? subject[..300] : subject,
            Body = body,
            Link = $"/requests/{request.Id}",
            SiteId = request.SiteId,
            AboutRef = $"request:{request.Id}",
            Channels = channels,
        });

    /// <summary>Writes the request's new state into its row, its new timeline lines, its waiting teams and an audit entry.</summary>
    private static void Save(SeamDbContext db, Loaded loaded, string actor, DateTimeOffset now, string action, string summary)
    {
        var (record, request) = (loaded.Record, loaded.Request);
        var before = record.State;
        record.State = request.State.ToString();
        record.Tier = request.Routing?.Risk.Tier.ToString();
        record.Route = request.Routing?.Route.ToString();
        record.SubmittedAt = request.SubmittedAt;
        record.DecidedAt = request.DecidedAt;
        record.DueAt = request.DueAt;
        record.EscalatedAt = request.EscalatedAt;
        record.Document = GovernanceJson.Write(request.Snapshot() with { Timeline = [] });
        for (var i = loaded.StoredEvents; i < request.Timeline.Count; i++)
        {
            var e = request.Timeline[i];
            db.RequestEvents.Add(new RequestEventRecord { RequestId = request.Id, Sequence = i, At = e.At, Actor = e.Actor, Kind = e.Kind.ToString(), Text = e.Text });
        }

        // Rewritten on every write: a request waits for a handful of teams at most.
        var waiting = request.WaitingFor();
        var stale = db.RequestWaiting.Local.Where(w => w.RequestId == request.Id).ToList();
        db.RequestWaiting.RemoveRange(stale);
        foreach (var team in waiting)
        {
            db.RequestWaiting.Add(new RequestWaitingRecord { RequestId = request.Id, Team = team, SiteId = request.SiteId, DueAt = request.DueAt, Reason = request.WaitReason(team) });
        }

        var entry = Audit(request.Id, request.SiteId, actor, now, action, summary);
        entry.Before = action == "create" ? null : $$"""{"state":"{{before}}"}""";
        entry.After = $$"""{"state":"{{record.State}}"}""";
        db.AuditEntries.Add(entry);
    }

    private static AuditEntry Audit(string id, string siteId, string actor, DateTimeOffset now, string action, string summary) => new()
    {
        At = now,
        Actor = actor,
        Action = action,
        EntityType = AuditType,
        EntityId = id,
        SiteId = siteId,
        Summary = summary,
    };

    private static async Task<Loaded> LoadAsync(SeamDbContext db, RequestRecord record, CancellationToken cancellationToken)
    {
        var events = await db.RequestEvents.AsNoTracking().Where(e => e.RequestId == record.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        // Tracked so that Save can replace them.
        await db.RequestWaiting.Where(w => w.RequestId == record.Id).LoadAsync(cancellationToken);
        var snapshot = GovernanceJson.Read<DecisionRequestSnapshot>(record.Document) with
        {
            Timeline = [.. events.Select(e => new RequestEvent(e.At, e.Actor, Enum.Parse<RequestEventKind>(e.Kind), e.Text))],
        };
        return new Loaded(record, DecisionRequest.Restore(snapshot), GovernanceJson.Read<RequestDetails>(record.Details), events.Count)
        {
            Footprint = record.Footprint is null ? null : GovernanceJson.Read<RequestFootprint>(record.Footprint),
        };
    }

    private static async Task<StoredRequest> Stored(SeamDbContext db, Loaded loaded, CancellationToken cancellationToken)
    {
        var attachments = await db.RequestAttachments.AsNoTracking().Where(a => a.RequestId == loaded.Request.Id)
            .Select(a => new AttachmentInfo(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt))
            .ToListAsync(cancellationToken);
        return new StoredRequest(loaded.Request, loaded.Details, loaded.Footprint, loaded.Record.PolicyVersion, [.. attachments.OrderBy(a => a.Id)]);
    }

    private static async Task<List<Delegation>> ActiveDelegationsAsync(SeamDbContext db, string @delegate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var records = await db.Delegations.AsNoTracking().Where(d => d.Delegate == @delegate && d.RevokedAt == null && d.Until > now).ToListAsync(cancellationToken);
        return [.. records.Select(d => new Delegation(d.Member, d.Delegate, d.From, d.Until)).Where(d => d.ActiveAt(now))];
    }

    /// <summary>The teams among <paramref name="waiting"/> the actor can act for, as a member or a delegate.</summary>
    private static List<string> ActingTeams(DecisionRightsPolicy policy, string actor, IReadOnlyList<Delegation> delegations, IReadOnlyList<string> waiting) =>
        [.. waiting.Where(t => policy.Team(t) is { } team && (team.Members.Contains(actor) || delegations.Any(d => team.Members.Contains(d.Member))))];

    private static RequestError NoPolicy() => new(GovernanceErrors.NoPolicy, "No decision-rights policy is published yet; publish one (seam policy publish) before requests can be routed.");

    private static AttachmentInfo ToInfo(RequestAttachmentRecord a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt);

    private static DelegationInfo ToInfo(DelegationRecord d) => new(d.Id, d.Member, d.Delegate, d.From, d.Until, d.CreatedBy, d.RevokedAt);

    private async Task<string?> ValidateAsync(SeamDbContext db, NewRequest input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 300)
        {
            return "title: a title of 1–300 characters is required.";
        }

        if (!await db.Sites.AnyAsync(s => s.Id == input.SiteId, cancellationToken))
        {
            return $"siteId: no site '{input.SiteId}'.";
        }

        if (input.Details.DowntimeHours is < 0 or > 10_000 || double.IsNaN(input.Details.DowntimeHours))
        {
            return "downtimeHours: expected hours of downtime, 0 or more.";
        }

        var assetIds = input.AssetIds.Concat(input.Details.Access?.AssetIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).Select(a => new { a.Id, a.SiteId }).ToListAsync(cancellationToken);
        if (assetIds.Except(assets.Select(a => a.Id)).FirstOrDefault() is { } missingAsset)
        {
            return $"assetIds: no asset '{missingAsset}'.";
        }

        if (assets.FirstOrDefault(a => a.SiteId != input.SiteId) is { } elsewhere)
        {
            return $"assetIds: asset '{elsewhere.Id}' is on site {elsewhere.SiteId}, not {input.SiteId}.";
        }

        var findingIds = input.FindingIds.Concat(input.Details.Acceptance is { } acc ? [acc.FindingId] : []).Distinct(StringComparer.Ordinal).ToList();
        var findings = await db.Findings.AsNoTracking().Where(f => findingIds.Contains(f.Id)).Select(f => new { f.Id, f.SiteId }).ToListAsync(cancellationToken);
        if (findingIds.Except(findings.Select(f => f.Id)).FirstOrDefault() is { } missingFinding)
        {
            return $"findingIds: no finding '{missingFinding}'.";
        }

        if (findings.FirstOrDefault(f => f.SiteId != input.SiteId) is { } otherFinding)
        {
            return $"findingIds: finding '{otherFinding.Id}' is on site {otherFinding.SiteId}, not {input.SiteId}.";
        }

        var zones = new[] { input.Details.Access?.LandingZoneId, input.Details.Connection?.FromZoneId, input.Details.Connection?.ToZoneId }.OfType<string>().ToList();
        var known = await db.Zones.AsNoTracking().Where(z => zones.Contains(z.Id) && z.SiteId == input.SiteId).Select(z => z.Id).ToListAsync(cancellationToken);
        if (zones.Except(known).FirstOrDefault() is { } missingZone)
        {
            return $"zone '{missingZone}': no such zone on site {input.SiteId}.";
        }

        return input.Scenario switch
        {
            DecisionScenario.VendorRemoteAccess => input.Details.Access is { } access ? access.Problem()
                : "access: a vendor remote access request needs the grant it asks for (grantee, method, assets, from, to).",
            DecisionScenario.RiskAcceptance => input.Details.Acceptance is { } acceptance ? acceptance.Problem(now)
                : "acceptance: a risk acceptance names the finding, the reason, compensating controls and the expiry.",
            DecisionScenario.NewConnection when input.Details.Connection is { } c => ServicesProblem(c.Services),
            _ => null,
        };
    }

    private static string? ServicesProblem(IReadOnlyList<string> services)
    {
        foreach (var text in services)
        {
            if (!ServiceEndpoint.TryParse(text, out _, out var error))
            {
                return $"connection.services: '{text}': {error}";
            }
        }

        return null;
    }
}
