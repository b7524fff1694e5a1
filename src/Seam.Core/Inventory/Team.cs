namespace Seam.Inventory;

/// <summary>A group of people who own or maintain assets and zones, on one side of the seam.</summary>
public sealed class Team
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public TeamSide Side { get; set; }

    public string? Email { get; set; }
}

public sealed class Person
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public string? TeamId { get; set; }

    /// <summary>Job title as people know it, e.g. "Controls engineer, Line 2".</summary>
    public string? Title { get; set; }
}
