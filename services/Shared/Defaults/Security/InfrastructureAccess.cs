
namespace Platform.ServiceDefaults.Security;

/// <summary>
/// Health and reflection answer without a token: probes and consoles need them, and they
/// reveal the API's shape and whether a service is up, nothing of its data.
/// </summary>
internal static class InfrastructureAccess
{
    public static AccessTable Table { get; } = new AccessTable()
        .Service(Grpc.Health.V1.Health.Descriptor)
            .Public("Check")
            .Public("Watch")
        .Service(Grpc.Reflection.V1Alpha.ServerReflection.Descriptor)
            .Public("ServerReflectionInfo")
        .Service(Grpc.Reflection.V1.ServerReflection.Descriptor)
            .Public("ServerReflectionInfo");
}
