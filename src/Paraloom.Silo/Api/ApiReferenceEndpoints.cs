using Scalar.AspNetCore;

namespace Paraloom.Silo.Api;

/// <summary>
/// The interactive API reference (Scalar) at /scalar, over the OpenAPI document. Served in Development and where
/// the setting <c>Paraloom:ApiReference</c> asks for it (<c>paraloom localnet</c> does); a production silo
/// serves only the document.
/// </summary>
internal static class ApiReferenceEndpoints
{
    public const string Setting = SiloOptions.SectionName + ":ApiReference";

    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool?>(Setting) ?? app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(options => options.WithTitle("Paraloom Compute API"));
        }
        return app;
    }
}
