namespace Seam.Server.Features.Audit;

public static class AuditSetup
{
    public static void AddSeamAudit(this IHostApplicationBuilder builder) => builder.Services.AddScoped<AuditLog>();
}
