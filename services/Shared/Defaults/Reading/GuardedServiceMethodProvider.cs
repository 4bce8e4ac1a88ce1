using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Reading;

/// <summary>
/// Binds each generated gRPC service as grpc-dotnet's own provider does, but with request
/// marshallers that answer InvalidArgument for bytes that do not parse (see <see cref="UnreadableRequest"/>):
/// grpc-dotnet reads the request before any interceptor runs, and would answer Unknown.
/// </summary>
internal sealed class GuardedServiceMethodProvider<TService>(IHttpContextAccessor http, ILogger<UnreadableRequestAudit> logger) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bind = BindMethodOf(typeof(TService));
        bind?.Invoke(null, [new GuardedBinder<TService>(context, http, logger), null]);
    }

    // The generated base class carries [BindServiceMethod(typeof(X), "BindService")].
    private static System.Reflection.MethodInfo? BindMethodOf(Type service)
    {
        for (var type = service; type is not null; type = type.BaseType)
        {
            var attribute = type.GetCustomAttributes(typeof(Grpc.Core.BindServiceMethodAttribute), inherit: false)
                .OfType<Grpc.Core.BindServiceMethodAttribute>().FirstOrDefault();
            if (attribute is not null)
            {
                return attribute.BindType.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)
                    .FirstOrDefault(m => m.Name == attribute.BindMethodName && m.GetParameters().Length == 2
                        && m.GetParameters()[0].ParameterType == typeof(Grpc.Core.ServiceBinderBase));
            }
        }

        return null;
    }
}
