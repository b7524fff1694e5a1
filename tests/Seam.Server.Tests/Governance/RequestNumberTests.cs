using System.Net;

namespace Seam.Server.Tests.Governance;

/// <summary>Request numbers stay unique when many requests are created at the same instant.</summary>
public sealed class RequestNumberTests(GovernanceServerFixture server) : IClassFixture<GovernanceServerFixture>
{
    [Fact]
    public async Task Requests_created_at_the_same_instant_get_distinct_consecutive_numbers()
    {
        const int count = 24;
        var creations = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            var user = i % 2 == 0 ? "ian" : "ivy";
            return await server.As(user).Post("/api/v1/requests", new
            {
                scenario = "change/configuration",
                siteId = "north",
                title = $"Concurrent change {i}",
                assetIds = new[] { i % 3 == 0 ? "north-pc" : "north-plc" },
                submit = i % 4 != 0,
            }).Expect(HttpStatusCode.Created);
        }));

        var created = await Task.WhenAll(creations);

        var ids = created.Select(c => c.Str("id")).ToList();
        Assert.Equal(count, ids.Distinct(StringComparer.Ordinal).Count());
        var numbers = ids.Select(id => int.Parse(id["REQ-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], count), numbers);
        var listed = await server.As("ian").GetAsync("/api/v1/requests?limit=500").Expect(HttpStatusCode.OK);
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Ids().Intersect(ids).Order(StringComparer.Ordinal));
    }
}
