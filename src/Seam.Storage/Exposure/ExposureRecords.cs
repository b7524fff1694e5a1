using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seam.Audit;
using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Storage.Exposure;

/// <summary>An allow rule as written by a person or a script; every field optional so that each gap is reported by name.</summary>
public sealed record AllowRuleInput(string? Id, string? SiteId, string? FromAssetId, string? ToAssetId, IReadOnlyList<string>? Services, string? Description);

public sealed record ObservedFlowInput(
    string? Id, string? SiteId, string? SourceAssetId, string? TargetAssetId, string? Service, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen,
    long? Packets, long? Bytes, string? Source);

/// <param name="Day">A weekday name ("sunday").</param>
/// <param name="WeekOfMonth">1–5 (5 = the last such weekday of the month); omitted for every week.</param>
/// <param name="Start">Time of day, UTC, as HH:mm.</param>
public sealed record MaintenanceWindowInput(
    string? Id, string? SiteId, string? Name, string? ProcessLine, string? Day, int? WeekOfMonth, string? Start, double? DurationHours);

/// <summary>A refused field: its name as the input spells it ("services[1]") and what was expected.</summary>
public sealed record FieldError(string Field, string Message);

public enum RecordWriteStatus
{
    Written,
    Invalid,
    NotFound,
    AlreadyExists,
}

public sealed record RecordWrite<T>(RecordWriteStatus Status, T? Record, IReadOnlyList<FieldError> Errors)
    where T : class;

/// <summary>The exposure records people maintain by hand: allow rules, observed flows and maintenance windows.</summary>
public sealed class ExposureRecords(SeamDbContextFactory contexts, TimeProvider time)
{
    public RecordSet<AllowRule, AllowRuleInput> AllowRules { get; } = new(contexts, time, RecordKinds.AllowRule);

    public RecordSet<ObservedFlow, ObservedFlowInput> ObservedFlows { get; } = new(contexts, time, RecordKinds.ObservedFlow);

    public RecordSet<MaintenanceWindow, MaintenanceWindowInput> MaintenanceWindows { get; } = new(contexts, time, RecordKinds.MaintenanceWindow);

    /// <summary>
    /// Makes <paramref name="rules"/> and <paramref name="windows"/> the whole set of allow rules and maintenance windows,
    /// in one transaction with one audit entry: what loading the demo (whose inventory import is a replace) needs.
    /// These records come from code, not from a person, so they are not validated field by field.
    /// </summary>
    public async Task ReplaceAllAsync(IReadOnlyList<AllowRule> rules, IReadOnlyList<MaintenanceWindow> windows, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removedRules = await db.AllowRules.ExecuteDeleteAsync(cancellationToken);
        var removedWindows = await db.MaintenanceWindows.ExecuteDeleteAsync(cancellationToken);
        db.AllowRules.AddRange(rules);
        db.MaintenanceWindows.AddRange(windows);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = "import",
            EntityType = "exposure-records",
            Summary = $"Allow rules and maintenance windows replaced: {rules.Count} rule(s) and {windows.Count} window(s) stored, "
                + $"{removedRules} rule(s) and {removedWindows} window(s) removed.",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>How one kind of record is named, keyed, validated and audited.</summary>
/// <param name="Noun">"allow rule": in messages.</param>
/// <param name="AuditType">"allow-rule": the audit entity type.</param>
/// <param name="IdPrefix">Generated ids are "&lt;site&gt;.&lt;prefix&gt;.&lt;8 hex&gt;".</param>
/// <param name="Build">Validates the input against the stored inventory and builds the record (null when errors were added).</param>
public sealed record RecordKind<T, TInput>(
    string Noun,
    string AuditType,
    string IdPrefix,
    Func<T, string> Id,
    Func<T, string> Site,
    Func<TInput, string?> InputId,
    Func<TInput, string?> InputSite,
    Func<RecordContext, TInput, string, Task<T?>> Build,
    Func<T, object> Describe)
    where T : class;

/// <summary>What a validation may ask of the database while it builds a record, and where it reports errors.</summary>
public sealed class RecordContext(SeamDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
{
    private readonly List<FieldError> errors = [];

    public DateTimeOffset Now => now;

    public IReadOnlyList<FieldError> Errors => errors;

    public void Error(string field, string message) => errors.Add(new FieldError(field, message));

    /// <summary>Reports a missing or unknown site; true when the site exists.</summary>
    public async Task<bool> SiteAsync(string? siteId, string field = "siteId")
    {
        if (string.IsNullOrWhiteSpace(siteId))
        {
            Error(field, "The site id is required.");
            return false;
        }

        if (!await db.Sites.AnyAsync(s => s.Id == siteId, cancellationToken))
        {
            Error(field, $"There is no site with id '{siteId}'.");
            return false;
        }

        return true;
    }

    /// <summary>Reports a missing or unknown asset, or one on another site than the record's.</summary>
    public async Task AssetOnSiteAsync(string? assetId, string? siteId, string field)
    {
        if (string.IsNullOrWhiteSpace(assetId))
        {
            Error(field, "An asset id is required.");
            return;
        }

        var site = await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => a.SiteId).FirstOrDefaultAsync(cancellationToken);
        if (site is null)
        {
            Error(field, $"There is no asset with id '{assetId}'.");
        }
        else if (siteId is not null && site != siteId)
        {
            Error(field, $"Asset '{assetId}' is on site '{site}', not on site '{siteId}'.");
        }
    }

    public async Task ProcessLineAsync(string processLine, string siteId, string field)
    {
        var lines = await db.Assets.AsNoTracking().Where(a => a.SiteId == siteId && a.ProcessLine != null)
            .Select(a => a.ProcessLine!).Distinct().ToListAsync(cancellationToken);
        if (!lines.Contains(processLine, StringComparer.OrdinalIgnoreCase))
        {
            Error(field, $"No asset on site '{siteId}' serves process line '{processLine}'"
                + (lines.Count == 0 ? "." : $"; the site's lines are: {string.Join(", ", lines.Order(StringComparer.Ordinal))}."));
        }
    }

    /// <summary>The stored spelling of a process line, so a window matches the assets' case exactly.</summary>
    public Task<string?> StoredProcessLineAsync(string processLine, string siteId) =>
        db.Assets.AsNoTracking().Where(a => a.SiteId == siteId && a.ProcessLine != null && a.ProcessLine.ToLower() == processLine.ToLower())
            .Select(a => a.ProcessLine).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>List, get, create, replace and delete for one kind of record; every write is validated and audited in one SaveChanges.</summary>
public sealed class RecordSet<T, TInput>(SeamDbContextFactory contexts, TimeProvider time, RecordKind<T, TInput> kind)
    where T : class
{
    private const string SiteColumn = "SiteId";

    private static readonly JsonSerializerOptions AuditJson = ExposureJson.Options;

    public RecordKind<T, TInput> Kind => kind;

    /// <summary>Records ordered by id; only those of <paramref name="visibleSites"/> (null: every site) and of <paramref name="siteId"/> if given.</summary>
    public async Task<IReadOnlyList<T>> ListAsync(IReadOnlySet<string>? visibleSites = null, string? siteId = null, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        // Every kind keeps its site in a "SiteId" column, so the filter runs in the database (flows can be many).
        var query = db.Set<T>().AsNoTracking();
        if (visibleSites is not null)
        {
            var sites = visibleSites.ToList();
            query = query.Where(r => sites.Contains(EF.Property<string>(r, SiteColumn)));
        }

        if (siteId is not null)
        {
            query = query.Where(r => EF.Property<string>(r, SiteColumn) == siteId);
        }

        var records = await query.ToListAsync(cancellationToken);
        return [.. records.OrderBy(kind.Id, StringComparer.Ordinal)];
    }

    public async Task<T?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.Set<T>().FindAsync([id], cancellationToken);
    }

    public async Task<RecordWrite<T>> CreateAsync(TInput input, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var context = new RecordContext(db, time.GetUtcNow(), cancellationToken);
        var id = kind.InputId(input) is { Length: > 0 } given ? given.Trim() : NewId(kind.InputSite(input));
        CheckId(context, id);
        var record = await kind.Build(context, input, id);
        if (record is null || context.Errors.Count > 0)
        {
            return new RecordWrite<T>(RecordWriteStatus.Invalid, null, context.Errors);
        }

        if (await db.Set<T>().FindAsync([id], cancellationToken) is not null)
        {
            return new RecordWrite<T>(RecordWriteStatus.AlreadyExists, null, [new FieldError("id", $"A {kind.Noun} with id '{id}' already exists; replace it instead.")]);
        }

        db.Set<T>().Add(record);
        Audit(db, actor, "create", record, null, record);
        await db.SaveChangesAsync(cancellationToken);
        return new RecordWrite<T>(RecordWriteStatus.Written, record, []);
    }

    /// <summary>Replaces every field of the record <paramref name="id"/>; an id in the input must agree with it.</summary>
    public async Task<RecordWrite<T>> ReplaceAsync(string id, TInput input, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var stored = await db.Set<T>().FindAsync([id], cancellationToken);
        if (stored is null)
        {
            return new RecordWrite<T>(RecordWriteStatus.NotFound, null, []);
        }

        var context = new RecordContext(db, time.GetUtcNow(), cancellationToken);
        if (kind.InputId(input) is { Length: > 0 } given && given.Trim() != id)
        {
            context.Error("id", $"The body names id '{given}' but the record replaced is '{id}'; ids cannot be changed.");
        }

        var record = await kind.Build(context, input, id);
        if (record is null || context.Errors.Count > 0)
        {
            return new RecordWrite<T>(RecordWriteStatus.Invalid, null, context.Errors);
        }

        var before = kind.Describe(stored);
        db.Entry(stored).State = EntityState.Detached;
        db.Set<T>().Update(record);
        Audit(db, actor, "update", record, stored, record, before);
        await db.SaveChangesAsync(cancellationToken);
        return new RecordWrite<T>(RecordWriteStatus.Written, record, []);
    }

    /// <summary>Deletes the record; false when there is none with that id.</summary>
    public async Task<bool> DeleteAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var stored = await db.Set<T>().FindAsync([id], cancellationToken);
        if (stored is null)
        {
            return false;
        }

        db.Set<T>().Remove(stored);
        Audit(db, actor, "delete", stored, stored, null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private void Audit(SeamDbContext db, string actor, string action, T record, T? before, T? after, object? beforeDescription = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = kind.AuditType,
            EntityId = kind.Id(record),
            SiteId = kind.Site(record),
            Before = before is null ? null : JsonSerializer.Serialize(beforeDescription ?? kind.Describe(before), AuditJson),
            After = after is null ? null : JsonSerializer.Serialize(kind.Describe(after), AuditJson),
        });
    }

    private void CheckId(RecordContext context, string id)
    {
        if (id.Length > 100 || id.Any(c => char.IsWhiteSpace(c) || c == ';' || c == '/'))
        {
            context.Error("id", "An id has at most 100 characters and no spaces, ';' or '/'.");
        }
    }

    private string NewId(string? site) =>
        $"{(string.IsNullOrWhiteSpace(site) ? "seam" : site.Trim())}.{kind.IdPrefix}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}

/// <summary>The three kinds' rules.</summary>
internal static class RecordKinds
{
    public static readonly RecordKind<AllowRule, AllowRuleInput> AllowRule = new(
        "allow rule", "allow-rule", "ar", r => r.Id, r => r.SiteId, i => i.Id, i => i.SiteId,
        async (c, input, id) =>
        {
            var siteOk = await c.SiteAsync(input.SiteId);
            var site = siteOk ? input.SiteId!.Trim() : null;
            await c.AssetOnSiteAsync(input.FromAssetId, site, "fromAssetId");
            await c.AssetOnSiteAsync(input.ToAssetId, site, "toAssetId");
            if (input.FromAssetId is not null && input.FromAssetId == input.ToAssetId)
            {
                c.Error("toAssetId", "An allow rule joins two different assets.");
            }

            var services = Services(c, input.Services, "services");
            return site is null ? null : new AllowRule
            {
                Id = id,
                SiteId = site,
                FromAssetId = input.FromAssetId?.Trim() ?? "",
                ToAssetId = input.ToAssetId?.Trim() ?? "",
                Services = services,
                Description = Blank(input.Description),
            };
        },
        r => new { r.Id, r.SiteId, r.FromAssetId, r.ToAssetId, Services = r.Services.Select(s => s.ToString()), r.Description });

    public static readonly RecordKind<ObservedFlow, ObservedFlowInput> ObservedFlow = new(
        "observed flow", "observed-flow", "flow", f => f.Id, f => f.SiteId, i => i.Id, i => i.SiteId,
        async (c, input, id) =>
        {
            var siteOk = await c.SiteAsync(input.SiteId);
            var site = siteOk ? input.SiteId!.Trim() : null;
            await c.AssetOnSiteAsync(input.SourceAssetId, site, "sourceAssetId");
            await c.AssetOnSiteAsync(input.TargetAssetId, site, "targetAssetId");
            ServiceEndpoint? service = null;
            if (!ServiceEndpoint.TryParse(input.Service, out service, out var error))
            {
                c.Error("service", $"{error}: expected {ServiceEndpoint.Expected}.");
            }

            var firstSeen = input.FirstSeen ?? input.LastSeen ?? c.Now;
            var lastSeen = input.LastSeen ?? firstSeen;
            if (lastSeen < firstSeen)
            {
                c.Error("lastSeen", "lastSeen is before firstSeen.");
            }

            if (input.Packets is < 0)
            {
                c.Error("packets", "packets cannot be negative.");
            }

            if (input.Bytes is < 0)
            {
                c.Error("bytes", "bytes cannot be negative.");
            }

            return site is null || service is null ? null : new ObservedFlow
            {
                Id = id,
                SiteId = site,
                SourceAssetId = input.SourceAssetId?.Trim() ?? "",
                TargetAssetId = input.TargetAssetId?.Trim() ?? "",
                Service = service.Value,
                FirstSeen = firstSeen,
                LastSeen = lastSeen,
                Packets = input.Packets ?? 0,
                Bytes = input.Bytes ?? 0,
                Source = Blank(input.Source),
            };
        },
        f => new { f.Id, f.SiteId, f.SourceAssetId, f.TargetAssetId, Service = f.Service.ToString(), f.FirstSeen, f.LastSeen, f.Packets, f.Bytes, f.Source });

    public static readonly RecordKind<MaintenanceWindow, MaintenanceWindowInput> MaintenanceWindow = new(
        "maintenance window", "maintenance-window", "mw", w => w.Id, w => w.SiteId, i => i.Id, i => i.SiteId,
        async (c, input, id) =>
        {
            var siteOk = await c.SiteAsync(input.SiteId);
            var site = siteOk ? input.SiteId!.Trim() : null;
            if (string.IsNullOrWhiteSpace(input.Name))
            {
                c.Error("name", "A maintenance window needs a name (\"Line 2 — monthly shutdown\").");
            }

            var line = Blank(input.ProcessLine);
            if (line is not null && site is not null)
            {
                await c.ProcessLineAsync(line, site, "processLine");
                line = await c.StoredProcessLineAsync(line, site) ?? line;
            }

            var day = DayOfWeek.Sunday;
            if (input.Day is { } dayText && !(Enum.TryParse(dayText.Trim(), ignoreCase: true, out day) && Enum.IsDefined(day) && !int.TryParse(dayText, out _)))
            {
                c.Error("day", $"'{input.Day}' is not a weekday: expected monday … sunday.");
            }

            if (input.WeekOfMonth is < 1 or > 5)
            {
                c.Error("weekOfMonth", "weekOfMonth is 1–5 (5 means the last such weekday of the month), or omitted for every week.");
            }

            var start = new TimeOnly(2, 0);
            if (input.Start is not null && !TimeOnly.TryParseExact(input.Start.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                c.Error("start", $"'{input.Start}' is not a time of day: expected HH:mm in UTC, e.g. 02:00.");
            }

            var hours = input.DurationHours ?? 4;
            if (hours is <= 0 or > 168 || double.IsNaN(hours))
            {
                c.Error("durationHours", "durationHours is more than 0 and at most 168 (one week).");
            }

            return site is null ? null : new MaintenanceWindow
            {
                Id = id,
                SiteId = site,
                Name = input.Name?.Trim() ?? "",
                ProcessLine = line,
                Day = day,
                WeekOfMonth = input.WeekOfMonth,
                Start = start,
                DurationHours = hours,
            };
        },
        w => new { w.Id, w.SiteId, w.Name, w.ProcessLine, Day = w.Day.ToString(), w.WeekOfMonth, Start = w.Start.ToString("HH:mm", CultureInfo.InvariantCulture), w.DurationHours });

    private static List<ServiceEndpoint> Services(RecordContext c, IReadOnlyList<string>? texts, string field)
    {
        var services = new List<ServiceEndpoint>();
        if (texts is null || texts.Count == 0)
        {
            c.Error(field, $"At least one service is required: {ServiceEndpoint.Expected}.");
            return services;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (ServiceEndpoint.TryParse(texts[i], out var service, out var error))
            {
                services.Add(service.Value);
            }
            else
            {
                c.Error($"{field}[{i}]", $"{error}: expected {ServiceEndpoint.Expected}.");
            }
        }

        return services;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
