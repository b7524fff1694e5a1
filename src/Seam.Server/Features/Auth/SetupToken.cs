using System.Security.Cryptography;

namespace Seam.Server.Features.Auth;

/// <summary>
/// The one-time token that lets the first admin be created from the browser. It exists only while the
/// database has no account, lives only in this process's memory and works once.
/// </summary>
public sealed class SetupToken
{
    private readonly Lock gate = new();
    private string? value;

    public string? Current
    {
        get
        {
            lock (gate)
            {
                return value;
            }
        }
    }

    public string Issue()
    {
        lock (gate)
        {
            value ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            return value;
        }
    }

    /// <summary>True exactly once for the right token; after that the token is gone.</summary>
    public bool TryConsume(string candidate)
    {
        lock (gate)
        {
            if (value is null || !CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(value), System.Text.Encoding.UTF8.GetBytes(candidate.Trim())))
            {
                return false;
            }

            value = null;
            return true;
        }
    }
}

/// <summary>At start, when no account exists, issues the setup token and prints where to use it.</summary>
public sealed class SetupTokenAnnouncer(IServiceScopeFactory scopes, SetupToken token, ServerOptions options, ILogger<SetupTokenAnnouncer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        if (await accounts.AnyAsync(cancellationToken))
        {
            return;
        }

        var secret = token.Issue();
        var url = options.Urls.Split(';')[0].TrimEnd('/');
        // The token itself goes to the console only, never into logs that are collected and kept.
        logger.LogWarning("No account exists yet: create the first admin at {Url}/setup with the one-time setup token printed on the console, or run 'seam users add NAME --role admin'.", url);
        Console.WriteLine($"No account exists yet. Create the first admin at {url}/setup with the one-time setup token: {secret}");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
