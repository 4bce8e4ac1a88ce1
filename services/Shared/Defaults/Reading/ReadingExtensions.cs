using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Reading;

internal static class ReadingExtensions
{
    /// <summary>
    /// Unreadable requests answer InvalidArgument: grpc-dotnet's service binder is replaced by one
    /// that guards each request marshaller. Call after AddGrpc.
    /// </summary>
    public static IServiceCollection AddReadableRequests(this IServiceCollection services)
    {
        var builtIn = services.Where(d => d.ServiceType == typeof(IServiceMethodProvider<>)
            && d.ImplementationType is { Name: "BinderServiceMethodProvider`1" }).ToList();
        if (builtIn.Count != 1)
        {
            throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider was not found: call AddReadableRequests after AddGrpc, and check it after a Grpc.AspNetCore upgrade.");
        }

        services.Remove(builtIn[0]);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>));
        services.AddHttpContextAccessor();
        // grpc-dotnet logs every RpcException again, an unreadable request with its stack trace
        // ("Error reading message"): the refusal is logged once already, by the platform. Its
        // errors (a failing handler) are warnings and above, and still shown.
        services.AddLogging(b => b.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning));
        services.AddSingleton<UnreadableRequestAudit>();
        return services;
    }

    /// <summary>Records unreadable writes in the audit trail; before the gRPC endpoints.</summary>
    public static WebApplication UseUnreadableRequestAudit(this WebApplication app)
    {
        var audit = app.Services.GetRequiredService<UnreadableRequestAudit>();
        app.Use((context, next) => audit.InvokeAsync(context, () => next(context)));
        return app;
    }
}
