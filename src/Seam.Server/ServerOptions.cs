using Seam.Storage;

namespace Seam.Server;

/// <summary>How one Seam server process runs.</summary>
public sealed record ServerOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public required DatabaseOptions Database { get; init; }

    /// <summary>Addresses to listen on; "http://127.0.0.1:0" picks a free port (tests).</summary>
    public string Urls { get; init; } = DefaultUrl;

    /// <summary>Extra configuration (appsettings-style keys) for tests and embedding.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The application name used to find the static web assets manifest (the hosting executable's name).</summary>
    public string? ApplicationName { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
