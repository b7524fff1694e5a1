namespace Seam.Inventory;

/// <summary>A plant.</summary>
public sealed class Site
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Location { get; set; }

    public string? Description { get; set; }
}
