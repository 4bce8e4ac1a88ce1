using Xunit;

namespace Platform.Integration.Tests.Messaging;

/// <summary>
/// Tests that kill a broker of their own: alone, never beside other tests, so the load they put
/// on the machine cannot slow others past their deadlines.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerRestarts
{
    public const string Name = "broker restarts";
}
