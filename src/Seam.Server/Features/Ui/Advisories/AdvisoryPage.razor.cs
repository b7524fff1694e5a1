using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Intelligence;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Intelligence;
using Seam.Server.Features.Ui.Findings;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Ui.Advisories;

public partial class AdvisoryPage
{
    private AdvisoryDetail? detail;
    private IReadOnlyList<FindingRow> findings = [];
    private Dictionary<string, string> productNames = new(StringComparer.Ordinal);
    private bool loading = true;
    private bool unreadable;

    /// <summary>The advisory's tracking id from the address.</summary>
    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    private UiData Data { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private List<BreadcrumbItem> Crumbs => [new("Advisories", "/advisories"), new(Id, null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        var user = (await AuthState).User;
        var advisory = await Data.ReadAsync(db => db.Advisories.FirstOrDefaultAsync(a => a.Id == Id));
        detail = advisory is null ? null : AdvisoryDetails.Read(advisory);
        unreadable = advisory is not null && detail is null;
        productNames = detail?.Products.ToDictionary(p => p.ProductId, p => p.Name, StringComparer.Ordinal) ?? new(StringComparer.Ordinal);
        findings = detail is null ? [] : await Data.ReadAsync(db =>
            IntelligenceViews.RowsAsync(db, new FindingFilter(AdvisoryId: Id, VisibleSites: user.VisibleSites()), CancellationToken.None));
        loading = false;
    }

    private string Names(IEnumerable<string> productIds)
    {
        var names = productIds.Select(id => productNames.GetValueOrDefault(id, id)).ToList();
        return names.Count == 0 ? "all products" : string.Join("; ", names);
    }

    private static string Identifiers(AdvisoryProduct p)
    {
        var all = p.Cpes.Concat(p.Purls).Concat(p.ModelNumbers.Select(m => "model " + m)).Concat(p.SerialNumbers.Select(n => "serial " + n))
            .Concat(p.Skus.Select(k => "SKU " + k)).ToList();
        return all.Count == 0 ? "—" : string.Join(" ", all);
    }

    private static string Day(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
