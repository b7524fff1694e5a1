using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Seam.Access;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Governance;

/// <summary>
/// Decision rights over HTTP: the policy, requests and their lifecycle, the inbox, delegations, who can reach what now,
/// and where decisions stall. The rules are <see cref="DecisionRequest"/>'s; refusals come back as problem details with
/// its message: 409 when the request's state does not allow the move, 422 when the caller may not make it.
/// </summary>
public static class GovernanceEndpoints
{
    public static void MapSeamGovernance(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.SignedIn);

        var policy = api.MapGroup("/policy").WithTags("Governance");
        policy.MapGet("/", GetPolicyAsync).WithName("GetPolicy").WithSummary("The current decision-rights policy: teams, rules and the YAML as published");
        policy.MapGet("/versions", ListPolicyVersionsAsync).WithName("ListPolicyVersions").WithSummary("Every published version, newest first");
        policy.MapGet("/versions/{version:int}", GetPolicyVersionAsync).WithName("GetPolicyVersion").WithSummary("One published version with its YAML");
        policy.MapPut("/", PublishPolicyAsync).WithName("PublishPolicy").RequireAuthorization(SeamPolicies.Administrator)
            .WithSummary("Publish a new policy version (YAML in 'yaml'); refused with the parser's line:column problems");

        var requests = api.MapGroup("/requests").WithTags("Requests");
        requests.MapGet("/", ListRequestsAsync).WithName("ListRequests")
            .WithSummary("Requests on the sites the caller may see (a vendor: only its own)")
            .WithDescription("Filters: site, state (" + Api.States + "), scenario, tier, requestedBy, open; offset and limit (≤ 500).");
        requests.MapPost("/", CreateRequestAsync).WithName("CreateRequest").RequireAuthorization(SeamPolicies.RequestWriter)
            .WithSummary("Draft a request (and submit it when 'submit' is true)");
        requests.MapGet("/{id}", GetRequestAsync).WithName("GetRequest").WithSummary("A request with its routing (why, for IT and OT), views and timeline");
        requests.MapPost("/{id}/submit", (string id, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Requester, a => s.SubmitAsync(id, a, ct), ct))
            .WithName("SubmitRequest").RequireAuthorization(SeamPolicies.RequestWriter).WithSummary("Route by the current policy and send for decision");
        requests.MapPost("/{id}/views", (string id, ViewInput input, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Decider, a => s.RecordViewAsync(id, a, string.IsNullOrWhiteSpace(input.Team) ? null : input.Team, input.Approves, input.Reason, ct), ct))
            .WithName("RecordView").RequireAuthorization(SeamPolicies.RequestWriter)
            .WithSummary("A team's view: approve or reject (with a reason), as a member or a delegate");
        requests.MapPost("/{id}/ruling", (string id, RulingInput input, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Decider, a => s.RuleAsync(id, a, input.Approves, input.Reason ?? string.Empty, ct), ct))
            .WithName("RuleOnRequest").RequireAuthorization(SeamPolicies.RequestWriter).WithSummary("The seam owner's ruling, with a written reason");
        requests.MapPost("/{id}/withdraw", (string id, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Requester, a => s.WithdrawAsync(id, a, ct), ct))
            .WithName("WithdrawRequest").RequireAuthorization(SeamPolicies.RequestWriter).WithSummary("The requester withdraws the request");
        requests.MapPost("/{id}/schedule", (string id, ScheduleInput input, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Engineer, a => s.ScheduleAsync(id, a, input.WindowId ?? string.Empty, ct), ct))
            .WithName("ScheduleRequest").RequireAuthorization(SeamPolicies.InventoryWriter).WithSummary("Plan approved work into a maintenance window");
        requests.MapPost("/{id}/implemented", (string id, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Engineer, a => s.MarkImplementedAsync(id, a, ct), ct))
            .WithName("MarkRequestImplemented").RequireAuthorization(SeamPolicies.InventoryWriter).WithSummary("The work is done");
        requests.MapPost("/{id}/verify", (string id, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Engineer, a => s.VerifyAsync(id, a, ct), ct))
            .WithName("VerifyRequest").RequireAuthorization(SeamPolicies.InventoryWriter).WithSummary("Someone other than the implementer confirms the work");
        requests.MapPost("/{id}/close", (string id, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Engineer, a => s.CloseAsync(id, a, ct), ct))
            .WithName("CloseRequest").RequireAuthorization(SeamPolicies.InventoryWriter).WithSummary("Close a verified, rejected or withdrawn request");
        requests.MapPost("/{id}/comments", (string id, CommentInput input, ClaimsPrincipal u, GovernanceService s, CancellationToken ct) =>
                ActAsync(id, u, s, Acting.Participant, a => s.CommentAsync(id, a, input.Text ?? string.Empty, ct), ct))
            .WithName("CommentOnRequest").RequireAuthorization(SeamPolicies.RequestWriter).WithSummary("Add a comment to the timeline");
        requests.MapPost("/{id}/attachments", AttachAsync).WithName("AttachToRequest").RequireAuthorization(SeamPolicies.RequestWriter).DisableAntiforgery()
            .WithSummary("Attach a file (multipart, one part, at most 10 MB); its SHA-256 is kept");
        requests.MapGet("/{id}/attachments/{attachmentId:long}", GetAttachmentAsync).WithName("GetRequestAttachment").WithSummary("Download an attachment");

        api.MapGet("/inbox", InboxAsync).WithTags("Requests").WithName("Inbox")
            .WithSummary("Decisions waiting for me, as a member of a team asked or as a delegate; oldest deadline first");

        var delegations = api.MapGroup("/delegations").WithTags("Governance");
        delegations.MapGet("/", ListDelegationsAsync).WithName("ListDelegations").WithSummary("Running delegations I give or hold (an admin: all)");
        delegations.MapPost("/", CreateDelegationAsync).WithName("CreateDelegation").RequireAuthorization(SeamPolicies.RequestWriter)
            .WithSummary("Let a colleague act for me (an admin: for anyone) from–until");
        delegations.MapDelete("/{id}", RevokeDelegationAsync).WithName("RevokeDelegation").RequireAuthorization(SeamPolicies.RequestWriter)
            .WithSummary("End a delegation now");

        api.MapGet("/access/now", AccessNowAsync).WithTags("Governance").WithName("AccessNow")
            .WithSummary("Who can reach what right now: active access grants and always-on remote entry points (a vendor: its own grants)");
        // Only those who may ask for decisions get as far as the handler, which then admits the site's approvers and the grantee.
        api.MapPost("/access/grants/{id}/revoke", RevokeGrantAsync).WithTags("Governance").WithName("RevokeAccessGrant")
            .RequireAuthorization(SeamPolicies.RequestWriter)
            .WithSummary("End a vendor access grant now, with a reason (approver on its site, or the grantee itself); audited, the grantee and requester are told");
        api.MapGet("/governance/stats", StatsAsync).WithTags("Governance").WithName("GovernanceStats")
            .WithSummary("Where decisions stall: time to decision by scenario, team and tier; fast-lane share; escalations; longest waiting");
    }

    // ---------------------------------------------------------------- policy

    private static async Task<Results<Ok<CurrentPolicyDto>, ProblemHttpResult>> GetPolicyAsync(GovernanceService service, CancellationToken ct)
    {
        if (await service.CurrentPolicyAsync(ct) is not { } current)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No decision-rights policy is published yet.");
        }

        var p = current.Policy;
        return TypedResults.Ok(new CurrentPolicyDto(current.Publication.Version, current.Publication.PublishedBy, current.Publication.PublishedAt, p.SeamOwner,
            [.. p.Teams.Select(t => new PolicyTeamDto(t.Id, t.Name, t.Side.ToString().ToLowerInvariant(), t.Members, t.EscalatesTo))],
            [.. p.Rules.Select(r => new PolicyRuleDto(r.Id, [.. r.Scenarios.Select(s => s.Key())], r.Responsible, r.Approvers.Mode == ApprovalMode.AllOf ? "all-of" : "any-of",
                r.Approvers.Teams, r.Consulted, r.Informed, PolicyYaml.FormatDuration(r.Deadline), r.EscalateTo, r.AllowFastLane, r.Line))],
            current.Publication.Yaml));
    }

    private static async Task<Ok<List<PolicyVersionDto>>> ListPolicyVersionsAsync(GovernanceService service, CancellationToken ct) =>
        TypedResults.Ok((await service.PolicyVersionsAsync(ct)).Select(v => new PolicyVersionDto(v.Version, v.PublishedBy, v.PublishedAt, null)).ToList());

    private static async Task<Results<Ok<PolicyVersionDto>, ProblemHttpResult>> GetPolicyVersionAsync(int version, GovernanceService service, CancellationToken ct) =>
        await service.PolicyVersionAsync(version, ct) is { } v
            ? TypedResults.Ok(new PolicyVersionDto(v.Version, v.PublishedBy, v.PublishedAt, v.Yaml))
            : ApiProblems.NotFound("policy version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<Results<Created<PolicyVersionDto>, ValidationProblem, ProblemHttpResult>> PublishPolicyAsync(
        PolicyInput input, ClaimsPrincipal user, GovernanceService service, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Yaml))
        {
            var errors = new FieldErrors();
            errors.Add("yaml", "The policy's YAML text is required.");
            return ApiProblems.Invalid(errors, "The policy is not valid");
        }

        var result = await service.PublishPolicyAsync(input.Yaml, string.IsNullOrWhiteSpace(input.FileName) ? "policy.yaml" : input.FileName, user.ActorName(), ct);
        if (result.Published is { } v)
        {
            return TypedResults.Created($"/api/v1/policy/versions/{v.Version}", new PolicyVersionDto(v.Version, v.PublishedBy, v.PublishedAt, null));
        }

        if (result.Problems.Count == 0)
        {
            return ApiProblems.Conflict(result.Refusal!);
        }

        var problems = new FieldErrors();
        foreach (var p in result.Problems)
        {
            problems.Add("yaml", p.ToString());
        }

        return TypedResults.ValidationProblem(problems.ToDictionary(), title: "The policy is not valid", detail: result.Refusal,
            extensions: new Dictionary<string, object?> { ["problems"] = result.Problems.Select(p => new YamlProblemDto(p.File, p.Line, p.Column, p.Message)).ToList() });
    }

    // ---------------------------------------------------------------- requests

    private static async Task<Results<Ok<RequestListDto>, ValidationProblem>> ListRequestsAsync(ClaimsPrincipal user, GovernanceService service,
        string? site, string? state, string? scenario, string? tier, string? requestedBy, bool? open, int? offset, int? limit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        RequestState? stateFilter = null;
        if (state is not null)
        {
            if (Api.TryState(state, out var s))
            {
                stateFilter = s;
            }
            else
            {
                errors.Add("state", $"'{state}' is not a state; expected one of {Api.States}.");
            }
        }

        DecisionScenario? scenarioFilter = null;
        if (scenario is not null)
        {
            if (DecisionScenarios.TryParse(scenario, out var list) && list.Count == 1)
            {
                scenarioFilter = list[0];
            }
            else
            {
                errors.Add("scenario", $"'{scenario}' is not one scenario; expected {DecisionScenarios.Expected}.");
            }
        }

        RiskTier? tierFilter = null;
        if (tier is not null)
        {
            if (Enum.TryParse<RiskTier>(tier, ignoreCase: true, out var t) && Enum.IsDefined(t))
            {
                tierFilter = t;
            }
            else
            {
                errors.Add("tier", $"'{tier}' is not a tier; expected low, medium, high or critical.");
            }
        }

        if (limit is < 1 or > 500)
        {
            errors.Add("limit", "Expected 1 to 500.");
        }

        if (offset is < 0)
        {
            errors.Add("offset", "Expected 0 or more.");
        }

        if (errors.Any)
        {
            return ApiProblems.BadQuery(errors);
        }

        var filter = user.Scope(new RequestFilter
        {
            SiteId = site,
            State = stateFilter,
            Scenario = scenarioFilter,
            Tier = tierFilter,
            RequestedBy = requestedBy,
            Open = open,
            Offset = offset ?? 0,
            Limit = limit ?? 50,
        });
        var page = await service.ListAsync(filter, ct);
        return TypedResults.Ok(new RequestListDto(page.Total, [.. page.Items.Select(RequestSummaryDto.Of)]));
    }

    private static async Task<Results<Created<RequestDto>, ValidationProblem, ProblemHttpResult>> CreateRequestAsync(
        CreateRequestInput input, ClaimsPrincipal user, GovernanceService service, CancellationToken ct)
    {
        var errors = new FieldErrors();
        DecisionScenario scenario = default;
        if (input.Scenario is null || !DecisionScenarios.TryParse(input.Scenario, out var list) || list.Count != 1)
        {
            errors.Add("scenario", $"Expected one scenario: {DecisionScenarios.Expected}.");
        }
        else
        {
            scenario = list[0];
        }

        if (string.IsNullOrWhiteSpace(input.SiteId))
        {
            errors.Add("siteId", "The site the request is for is required.");
        }

        if (string.IsNullOrWhiteSpace(input.Title))
        {
            errors.Add("title", "A title is required.");
        }

        if (errors.Any)
        {
            return ApiProblems.Invalid(errors, "The request is not valid");
        }

        var me = user.ActorName();
        var access = input.Access is { } a
            ? new VendorAccessDetails(a.Grantee ?? (user.IsVendorOn(input.SiteId!) ? me : string.Empty), a.Vendor, a.Method ?? string.Empty, a.LandingZoneId,
                a.AssetIds ?? [], a.Mfa, a.From, a.To)
            : null;
        var forSelf = scenario == DecisionScenario.VendorRemoteAccess && access?.Grantee == me;
        if (!user.CanSee(input.SiteId!) && !user.IsVendorOn(input.SiteId!))
        {
            return ApiProblems.NotFound("site", input.SiteId!);
        }

        if (!user.CanAsk(input.SiteId!, forSelf))
        {
            return ApiProblems.Forbidden(user.IsVendorOn(input.SiteId!)
                ? "A vendor asks only for its own remote access (scenario access/vendor-remote, grantee: yourself)."
                : $"Asking for a decision on {input.SiteId} needs the engineer role there.");
        }

        var result = await service.CreateAsync(new NewRequest
        {
            Scenario = scenario,
            SiteId = input.SiteId!,
            Title = input.Title!,
            Description = input.Description,
            AssetIds = input.AssetIds ?? [],
            FindingIds = input.FindingIds ?? [],
            Details = new RequestDetails
            {
                Reversible = input.Reversible ?? true,
                DowntimeHours = input.DowntimeHours ?? 0,
                Access = access,
                Acceptance = input.Acceptance is { } r ? new RiskAcceptanceDetails(r.FindingId ?? string.Empty, r.Reason ?? string.Empty, r.CompensatingControls, r.Until) : null,
                Connection = input.Connection is { } c ? new NewConnectionDetails(c.FromZoneId ?? string.Empty, c.ToZoneId ?? string.Empty, c.Services ?? []) : null,
            },
            Submit = input.Submit,
        }, me, ct);
        if (result.Value is { } created)
        {
            return TypedResults.Created($"/api/v1/requests/{created.Request.Id}", RequestDto.Of(created));
        }

        return Problem(result.Error!);
    }

    private static async Task<Results<Ok<RequestDto>, ProblemHttpResult>> GetRequestAsync(string id, ClaimsPrincipal user, GovernanceService service, CancellationToken ct)
    {
        var stored = await service.GetAsync(id, ct);
        if (stored is null || !user.CanRead(stored.Request.SiteId, stored.Request.RequestedBy, stored.Details.Access?.Grantee))
        {
            return ApiProblems.NotFound("request", id);
        }

        return TypedResults.Ok(RequestDto.Of(stored));
    }

    /// <summary>What a command needs from the caller on the request's site, besides what the request itself checks.</summary>
    private enum Acting
    {
        /// <summary>The requester's own moves (submit, withdraw): engineer on the site, or the vendor who asked.</summary>
        Requester,

        /// <summary>Views and rulings: anyone who may see the site; the policy's teams say who decides.</summary>
        Decider,

        /// <summary>Carrying out the work: engineer on the site.</summary>
        Engineer,

        /// <summary>Comments: anyone who may read the request and ask for decisions.</summary>
        Participant,
    }

    private static async Task<Results<Ok<RequestDto>, ProblemHttpResult>> ActAsync(string id, ClaimsPrincipal user, GovernanceService service, Acting acting,
        Func<string, Task<GovernanceResult<StoredRequest>>> command, CancellationToken ct)
    {
        if (await service.OwnershipAsync(id, ct) is not { } owner || !user.CanRead(owner.SiteId, owner.RequestedBy, owner.Grantee))
        {
            return ApiProblems.NotFound("request", id);
        }

        var vendor = user.IsVendorOn(owner.SiteId);
        var allowed = acting switch
        {
            Acting.Requester => user.HasRole(Role.Engineer, owner.SiteId) || vendor,
            Acting.Decider => user.CanSee(owner.SiteId),
            Acting.Engineer => user.HasRole(Role.Engineer, owner.SiteId),
            _ => true,
        };
        if (!allowed)
        {
            return ApiProblems.Forbidden(vendor
                ? "A vendor follows its own requests: it may submit, withdraw and comment, nothing else."
                : $"This needs the engineer role on {owner.SiteId}.");
        }

        var result = await command(user.ActorName());
        return result.Value is { } stored ? TypedResults.Ok(RequestDto.Of(stored)) : Problem(result.Error!);
    }

    private static async Task<Results<Created<AttachmentInfo>, ProblemHttpResult>> AttachAsync(string id, HttpRequest request, ClaimsPrincipal user,
        GovernanceService service, CancellationToken ct)
    {
        if (await service.OwnershipAsync(id, ct) is not { } owner || !user.CanRead(owner.SiteId, owner.RequestedBy, owner.Grantee))
        {
            return ApiProblems.NotFound("request", id);
        }

        if (!user.HasRole(Role.Engineer, owner.SiteId) && !user.IsVendorOn(owner.SiteId))
        {
            return ApiProblems.Forbidden($"Attaching files needs the engineer role on {owner.SiteId}.");
        }

        if (!request.HasFormContentType || (await request.ReadFormAsync(ct)).Files is not [var file])
        {
            return Problem(GovernanceErrors.BadInput("Send the file as multipart/form-data with exactly one file part."));
        }

        if (file.Length > GovernanceService.MaxAttachmentBytes)
        {
            return Problem(GovernanceErrors.BadInput($"An attachment holds at most {GovernanceService.MaxAttachmentBytes / (1024 * 1024)} MB; {file.FileName} has {file.Length} bytes."));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var result = await service.AttachAsync(id, user.ActorName(), file.FileName, file.ContentType, buffer.ToArray(), ct);
        return result.Value is { } info ? TypedResults.Created($"/api/v1/requests/{id}/attachments/{info.Id}", info) : Problem(result.Error!);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAttachmentAsync(string id, long attachmentId, ClaimsPrincipal user,
        GovernanceService service, CancellationToken ct)
    {
        if (await service.OwnershipAsync(id, ct) is not { } owner || !user.CanRead(owner.SiteId, owner.RequestedBy, owner.Grantee)
            || await service.AttachmentAsync(id, attachmentId, ct) is not { } attachment)
        {
            return ApiProblems.NotFound("attachment", $"{id}/{attachmentId}");
        }

        return TypedResults.File(attachment.Content, attachment.Info.ContentType, attachment.Info.FileName);
    }

    private static async Task<Ok<List<InboxItemDto>>> InboxAsync(ClaimsPrincipal user, GovernanceService service, int? limit, CancellationToken ct)
    {
        var items = await service.InboxAsync(user.ActorName(), user.VisibleSites(), Math.Clamp(limit ?? 200, 1, 1000), ct);
        return TypedResults.Ok(items.Select(i => new InboxItemDto(RequestSummaryDto.Of(i.Request), i.Team, i.OnBehalfOf, i.Reason)).ToList());
    }

    // ---------------------------------------------------------------- delegations, access, stats

    private static async Task<Ok<IReadOnlyList<DelegationInfo>>> ListDelegationsAsync(ClaimsPrincipal user, GovernanceService service, bool? ended, CancellationToken ct) =>
        TypedResults.Ok(await service.DelegationsAsync(user.HasRole(Role.Admin, null) ? null : user.ActorName(), ended ?? false, ct));

    private static async Task<Results<Created<DelegationInfo>, ProblemHttpResult>> CreateDelegationAsync(DelegationInput input, ClaimsPrincipal user,
        GovernanceService service, CancellationToken ct)
    {
        var me = user.ActorName();
        var member = string.IsNullOrWhiteSpace(input.Member) ? me : input.Member.Trim();
        if (member != me && !user.HasRole(Role.Admin, null))
        {
            return ApiProblems.Forbidden("You delegate your own decisions; only an admin delegates for someone else.");
        }

        var result = await service.DelegateAsync(member, input.Delegate?.Trim() ?? string.Empty, input.From, input.Until, me, ct);
        return result.Value is { } d ? TypedResults.Created($"/api/v1/delegations/{d.Id}", d) : Problem(result.Error!);
    }

    private static async Task<Results<Ok<DelegationInfo>, ProblemHttpResult>> RevokeDelegationAsync(long id, ClaimsPrincipal user, GovernanceService service,
        CancellationToken ct)
    {
        var result = await service.RevokeDelegationAsync(id, user.ActorName(), user.HasRole(Role.Admin, null), ct);
        return result.Value is { } d ? TypedResults.Ok(d) : Problem(result.Error!);
    }

    private static async Task<Ok<IReadOnlyList<ReachNow>>> AccessNowAsync(ClaimsPrincipal user, GovernanceService service, CancellationToken ct) =>
        TypedResults.Ok(user.IsVendorOnly()
            ? await service.AccessNowAsync(user.VendorSites(), grantee: user.ActorName(), ct)
            : await service.AccessNowAsync(user.VisibleSites(), cancellationToken: ct));

    private static async Task<Results<Ok<GrantEnd>, ProblemHttpResult>> RevokeGrantAsync(string id, RevokeGrantInput input, ClaimsPrincipal user,
        GovernanceService service, CancellationToken ct)
    {
        var me = user.ActorName();
        if (await service.GrantAsync(id, ct) is not { } grant || !(user.CanSee(grant.SiteId) || (user.IsVendorOn(grant.SiteId) && grant.Grantee == me)))
        {
            return ApiProblems.NotFound("access grant", id);
        }

        if (!user.HasRole(Role.Approver, grant.SiteId) && grant.Grantee != me)
        {
            return ApiProblems.Forbidden($"Revoking access on {grant.SiteId} needs the approver role there (the grantee may also end its own access).");
        }

        var result = await service.RevokeGrantAsync(id, me, input.Reason ?? string.Empty, ct);
        return result.Value is { } end ? TypedResults.Ok(end) : Problem(result.Error!);
    }

    private static async Task<Results<Ok<GovernanceStatsDto>, ProblemHttpResult>> StatsAsync(ClaimsPrincipal user, GovernanceService service, CancellationToken ct) =>
        user.IsVendorOnly()
            ? ApiProblems.Forbidden("Decision statistics are for staff.")
            : TypedResults.Ok(GovernanceStatsDto.Of(await service.StatsAsync(user.VisibleSites(), ct)));

    /// <summary>A refusal as problem details: 404 unknown, 409 the state does not allow it, 422 the caller or the input does not.</summary>
    private static ProblemHttpResult Problem(RequestError error)
    {
        var (status, title) = error.Code switch
        {
            GovernanceErrors.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            GovernanceErrors.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed"),
            "illegal-transition" or "not-in-review" or "no-ruling-needed" or "closed" or "grant-ended" or GovernanceErrors.NoPolicy => (StatusCodes.Status409Conflict, "Not possible in this state"),
            GovernanceErrors.Invalid => (StatusCodes.Status422UnprocessableEntity, "The input is not valid"),
            _ => (StatusCodes.Status422UnprocessableEntity, "Refused by the decision rules"),
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: error.Message, extensions: new Dictionary<string, object?> { ["code"] = error.Code });
    }
}
