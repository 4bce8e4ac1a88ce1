using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Xunit;
using AuditApi = Platform.Contracts.Audit.V1;

namespace Platform.Host.Tests;

/// <summary>Bytes that do not parse as the request message, sent over HTTP/2 to the embedded host.</summary>
public sealed class UnreadableRequestTests : IAsyncLifetime
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);
    private static readonly Method<byte[], byte[]> RegisterVillage =
        new(MethodType.Unary, "platform.scoring.v1.Villages", "RegisterVillage", Raw, Raw);

    private readonly TempFolder data = new();
    private RunningApp host = null!;

    public async Task InitializeAsync() => host = await EmbeddedHost.StartAsync(data.Path);

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        data.Dispose();
    }

    public static TheoryData<string, byte[]> Unreadable => new()
    {
        // Field 2 (name), 2 bytes long, that are not UTF-8.
        { "invalid UTF-8", [0x0A, 0x02, (byte)'V', (byte)'1', 0x12, 0x02, 0xFF, 0xFE] },
        // Field 1 (code) announces 10 bytes and the message ends after 3.
        { "truncated", [0x0A, 0x0A, (byte)'4', (byte)'1', (byte)'0'] },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_unreadable_request_is_an_invalid_argument_naming_the_message_type_and_is_in_the_audit_trail(string what, byte[] bytes)
    {
        var requestId = $"unreadable-{Guid.NewGuid():N}";
        var call = host.Channel.CreateCallInvoker().AsyncUnaryCall(RegisterVillage, null,
            new CallOptions(new Metadata { { "x-request-id", requestId } }, DateTime.UtcNow.AddSeconds(30)), bytes);

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.True(refused.StatusCode == StatusCode.InvalidArgument, $"{what}: {refused.StatusCode} {refused.Status.Detail}");
        Assert.Contains("platform.scoring.v1.RegisterVillageRequest", refused.Status.Detail, StringComparison.Ordinal);
        var info = refused.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.Equal("REQUEST_UNREADABLE", info?.Reason);
        Assert.Equal("platform.scoring.v1.RegisterVillageRequest", info?.Metadata["message_type"]);
        using var auditor = host.ChannelWithToken(TestTokens.Mint(Role.Auditor, subject: "County audit office"));
        var trail = await new AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(new AuditApi.ListAuditRecordsRequest { Actor = "test suite" });
        var record = Assert.Single(trail.Records, r => r.RequestId == requestId);
        Assert.Equal(("/platform.scoring.v1.Villages/RegisterVillage", "InvalidArgument", "REQUEST_UNREADABLE"), (record.Method, record.Outcome, record.Reason));
        Assert.Empty((await new Villages.VillagesClient(host.Channel).ListVillagesAsync(new ListVillagesRequest())).Villages);
    }
}
