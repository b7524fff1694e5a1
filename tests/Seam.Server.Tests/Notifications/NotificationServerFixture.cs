using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Seam.Governance.Notifications;
using Seam.Server.Features.Notifications;
using Seam.Storage;
using Seam.Testing.Databases;
using Seam.Testing.Smtp;

namespace Seam.Server.Tests.Notifications;

/// <summary>
/// The real server with a real SMTP listener and a real webhook receiver on loopback, and a clock the tests move.
/// Background delivery is off so that each test decides when a dispatcher round runs.
/// </summary>
public class NotificationServerFixture : SeamServerFixture, IAsyncLifetime
{
    public const string ChatSecret = "chat-secret-0123456789abcdef";
    public const string SouthSecret = "south-secret-0123456789abcdef";
    public const string PublicUrl = "https://seam.example.org";

    public SmtpTestServer Smtp { get; } = new();

    public WebhookReceiver Receiver { get; } = WebhookReceiver.Start();

    /// <summary>Starts at a whole second, which PostgreSQL's microsecond timestamps store exactly.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override ServerOptions ConfigureServer(ServerOptions options) => options with
    {
        Clock = Clock,
        Settings = new Dictionary<string, string?>
        {
            ["Seam:Notifications:PublicUrl"] = PublicUrl,
            ["Seam:Notifications:DeliverInBackground"] = "false",
            ["Seam:Notifications:Smtp:Host"] = "127.0.0.1",
            ["Seam:Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Seam:Notifications:Smtp:Security"] = "None",
            ["Seam:Notifications:Smtp:From"] = "Seam <seam@example.org>",
            ["Seam:Notifications:Webhooks:0:Name"] = "chat",
            ["Seam:Notifications:Webhooks:0:Url"] = new Uri(Receiver.Address, "hooks/chat?token=t0ps3cret").ToString(),
            ["Seam:Notifications:Webhooks:0:Secret"] = ChatSecret,
            ["Seam:Notifications:Webhooks:0:Kinds:0"] = NotificationKinds.DecisionWaiting,
            ["Seam:Notifications:Webhooks:0:Kinds:1"] = NotificationKinds.AcceptanceExpired,
            ["Seam:Notifications:Webhooks:1:Name"] = "south",
            ["Seam:Notifications:Webhooks:1:Url"] = new Uri(Receiver.Address, "hooks/south").ToString(),
            ["Seam:Notifications:Webhooks:1:Secret"] = SouthSecret,
            ["Seam:Notifications:Webhooks:1:Site"] = "south",
        },
    };

    public Task<DeliveryRound> DeliverAsync() => App.Services.GetRequiredService<NotificationDispatcher>().DeliverPendingAsync();

    /// <summary>Writes a notification row the way governance does (an outbox row) and returns it with its id.</summary>
    public async Task<Notification> AddAsync(string recipient, string kind, string? site = "north", string link = "/requests/REQ-0042")
    {
        var notification = new Notification
        {
            CreatedAt = Clock.GetUtcNow(),
            Recipient = recipient,
            Kind = kind,
            Subject = $"{kind} for {recipient}: REQ-0042",
            Body = "Firmware update on PLC-7 waits for your approval.",
            Link = link,
            SiteId = site,
            AboutRef = "request:REQ-0042",
            Channels = NotificationKinds.DefaultChannels(kind),
        };
        await using var db = App.Services.GetRequiredService<SeamDbContextFactory>().Create();
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification;
    }

    public async Task<Notification> RowAsync(long id)
    {
        await using var db = App.Services.GetRequiredService<SeamDbContextFactory>().Create();
        return await db.Notifications.FindAsync(id) ?? throw new InvalidOperationException($"No notification {id}");
    }

    /// <summary>A user (engineer on north) with an email address, created through the users API; returns their token.</summary>
    public async Task<string> UserWithEmailAsync(string userName, string? email)
    {
        using var admin = Client(AdminToken);
        await admin.Post("/api/v1/users", new
        {
            userName,
            password = "correct horse battery staple",
            email,
            roles = new[] { new { role = "approver", site = "north" } },
        }).Expect(System.Net.HttpStatusCode.Created);
        var id = await WithScopeAsync(async sp =>
        {
            await using var db = sp.GetRequiredService<SeamDbContextFactory>().Create();
            return db.Users.Single(u => u.UserName == userName).Id;
        });
        return await CreateTokenAsync(id, null);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Smtp.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>The same, over a fresh database in the throwaway PostgreSQL cluster: the claim that keeps two dispatchers
/// from sending one row relies on PostgreSQL's row locking there.</summary>
public sealed class PostgresNotificationServerFixture : NotificationServerFixture
{
    private TestDatabase? database;

    protected override async Task<DatabaseOptions> CreateDatabaseAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        return database.Options;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
