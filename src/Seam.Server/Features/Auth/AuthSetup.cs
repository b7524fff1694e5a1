namespace Seam.Server.Features.Auth;

public static class AuthSetup
{
    public static void AddSeamAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
    }

    public static void UseSeamAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
    }

    public static void MapSeamAuth(this WebApplication app)
    {
    }
}
