using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace Platform.Testing;

/// <summary>
/// Drives every RPC of the platform's protos with random and boundary values: empty, very long
/// and control-character strings, negative and overflowing numbers, unknown enum values,
/// repeated fields with duplicates or many entries, timestamps out of range, and a message over
/// the size limit. Requests are built from the proto descriptors, so a new RPC is covered
/// without a line of test code.
/// </summary>
public sealed class HostileInput(int seed)
{
    /// <summary>Answers a hostile call may get: a refusal a person can act on, or success.</summary>
    public static readonly StatusCode[] Acceptable =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.PermissionDenied,
        StatusCode.ResourceExhausted, StatusCode.AlreadyExists, StatusCode.OutOfRange, StatusCode.Unauthenticated,
        // A redemption whose outcome is not yet known says so (ORDER_PENDING); it is not a crash.
        StatusCode.Unavailable,
    ];

    private static readonly string[] Strings =
    [
        "", " ", "x", "V1", "001", "SM1", "C1", "RICE", "COOP-1", "-", "0", "-1", "9223372036854775808", "2026-11", "2026-11-31",
        "1999-01-01", "yyyy-MM-dd", "\u0000", "\t\r\n", "'; DROP TABLE households; --", "%_\\", "中文名字", "😀😀", "\uD800",
        new string('x', 33), new string('9', 101), new string('名', 600), new string('a', 5_000),
    ];

    private static readonly long[] Numbers =
    [
        0, 1, -1, 2, 7, 100, 10_000, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 4_294_967_296, 1_000_000_000_000,
    ];

    private readonly Random random = new(seed);

    /// <summary>Every RPC of the given proto packages (e.g. "platform.scoring.v1").</summary>
    public static IReadOnlyList<MethodDescriptor> Methods(params string[] packages) =>
        typeof(Platform.Contracts.Events.IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal) && t.GetProperty("Descriptor")?.GetValue(null) is FileDescriptor)
            .Select(t => (FileDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!)
            .Where(f => packages.Length == 0 || packages.Contains(f.Package))
            .SelectMany(f => f.Services).SelectMany(s => s.Methods)
            .Where(m => !m.IsClientStreaming && !m.IsServerStreaming)
            .OrderBy(m => m.FullName, StringComparer.Ordinal)
            .ToList();

    /// <summary>Calls a unary RPC with a message built from its descriptor; returns the status.</summary>
    public static async Task<Status> CallAsync(GrpcChannel channel, MethodDescriptor method, IMessage request, Metadata? headers = null)
    {
        var marshaller = Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.OutputType.Parser.ParseFrom(bytes));
        var call = new Method<IMessage, IMessage>(MethodType.Unary, method.Service.FullName, method.Name, marshaller, marshaller);
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)), request);
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    /// <summary>
    /// Calls a unary RPC like <see cref="CallAsync"/>; for an InvalidArgument, also says what is
    /// missing from it: every one names its field in ErrorInfo's "field", in a BadRequest field
    /// violation and in its message. Null when nothing is missing.
    /// </summary>
    public static async Task<(Status Status, string? Unnamed)> CallCheckingFieldAsync(GrpcChannel channel, MethodDescriptor method, IMessage request)
    {
        var marshaller = Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.OutputType.Parser.ParseFrom(bytes));
        var call = new Method<IMessage, IMessage>(MethodType.Unary, method.Service.FullName, method.Name, marshaller, marshaller);
        try
        {
            await channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(null, DateTime.UtcNow.AddSeconds(30)), request);
            return (Status.DefaultSuccess, null);
        }
        catch (RpcException ex)
        {
            return (ex.Status, ex.StatusCode == StatusCode.InvalidArgument ? MissingField(ex) : null);
        }
    }

    /// <summary>What an InvalidArgument refusal fails to say about its field, or null.</summary>
    public static string? MissingField(RpcException ex)
    {
        var rich = ex.GetRpcStatus();
        var field = rich?.GetDetail<Google.Rpc.ErrorInfo>()?.Metadata.GetValueOrDefault("field");
        if (string.IsNullOrEmpty(field))
        {
            return "no \"field\" in its ErrorInfo metadata";
        }

        if (rich!.GetDetail<Google.Rpc.BadRequest>() is not { FieldViolations.Count: > 0 } bad || bad.FieldViolations.Any(v => string.IsNullOrEmpty(v.Field)))
        {
            return $"no BadRequest field violation (field {field})";
        }

        return ex.Status.Detail.Contains(field, StringComparison.Ordinal) ? null : $"a message that does not name its field {field}";
    }

    /// <summary>
    /// Calls each method <paramref name="callsPerRpc"/> times with hostile requests; returns the
    /// calls that were mishandled (a status outside <see cref="Acceptable"/>, or a refusal without
    /// a message), and counts every status seen into <paramref name="statuses"/> when given.
    /// </summary>
    public async Task<List<string>> DriveAsync(GrpcChannel channel, IEnumerable<MethodDescriptor> methods, int callsPerRpc,
        Dictionary<StatusCode, int>? statuses = null)
    {
        var failures = new List<string>();
        foreach (var method in methods)
        {
            for (var i = 0; i < callsPerRpc; i++)
            {
                var request = Message(method.InputType);
                var (status, unnamed) = await CallCheckingFieldAsync(channel, method, request);
                if (statuses is not null)
                {
                    statuses[status.StatusCode] = statuses.GetValueOrDefault(status.StatusCode) + 1;
                }

                if (!Acceptable.Contains(status.StatusCode) || (status.StatusCode != StatusCode.OK && string.IsNullOrWhiteSpace(status.Detail)))
                {
                    failures.Add($"{method.FullName}: {status.StatusCode} '{status.Detail}' for {Describe(request)}");
                }
                else if (unnamed is not null)
                {
                    failures.Add($"{method.FullName}: InvalidArgument with {unnamed}: '{status.Detail}' for {Describe(request)}");
                }
            }
        }

        return failures;
    }

    /// <summary>
    /// Not random: every string field of every request (and of the messages it holds, one level
    /// down) gets each of the values databases refuse — a NUL, a lone surrogate, 600 characters —
    /// with the rest of the request empty. The random calls above found such a field now and
    /// then; this finds every one.
    /// </summary>
    public static async Task<List<string>> SweepStringsAsync(GrpcChannel channel, IEnumerable<MethodDescriptor> methods)
    {
        string[] values = ["\u0000", "\uD800", new string('名', 600)];
        var failures = new List<string>();
        foreach (var method in methods)
        {
            foreach (var request in StringCases(method.InputType, values))
            {
                WithFreshKey(request);
                var (status, unnamed) = await CallCheckingFieldAsync(channel, method, request);
                if (!Acceptable.Contains(status.StatusCode) || (status.StatusCode != StatusCode.OK && string.IsNullOrWhiteSpace(status.Detail)))
                {
                    failures.Add($"{method.FullName}: {status.StatusCode} '{status.Detail}' for {Describe(request)}");
                }
                else if (unnamed is not null)
                {
                    failures.Add($"{method.FullName}: InvalidArgument with {unnamed}: '{status.Detail}' for {Describe(request)}");
                }
            }
        }

        return failures;
    }

    // A write with no key is refused before its other fields are looked at: give each call a key
    // of its own (unless the key is the field under test), so the value reaches the rules behind it.
    private static void WithFreshKey(IMessage request)
    {
        var key = request.Descriptor.FindFieldByName("idempotency_key");
        if (key is { FieldType: FieldType.String, IsRepeated: false } && string.IsNullOrEmpty((string)key.Accessor.GetValue(request)))
        {
            key.Accessor.SetValue(request, $"sweep-{Guid.NewGuid():N}");
        }
    }

    private static IEnumerable<IMessage> StringCases(MessageDescriptor descriptor, string[] values)
    {
        foreach (var field in descriptor.Fields.InDeclarationOrder().Where(f => !f.IsMap))
        {
            if (field.FieldType == FieldType.String)
            {
                foreach (var value in values)
                {
                    var message = descriptor.Parser.ParseFrom(ByteString.Empty);
                    if (field.IsRepeated)
                    {
                        ((System.Collections.IList)field.Accessor.GetValue(message)).Add(value);
                    }
                    else
                    {
                        field.Accessor.SetValue(message, value);
                    }

                    yield return message;
                }
            }
            else if (field.FieldType == FieldType.Message && field.MessageType.FullName != Timestamp.Descriptor.FullName)
            {
                foreach (var inner in field.MessageType.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.String && !f.IsMap))
                {
                    foreach (var value in values)
                    {
                        var child = field.MessageType.Parser.ParseFrom(ByteString.Empty);
                        if (inner.IsRepeated)
                        {
                            ((System.Collections.IList)inner.Accessor.GetValue(child)).Add(value);
                        }
                        else
                        {
                            inner.Accessor.SetValue(child, value);
                        }

                        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
                        if (field.IsRepeated)
                        {
                            ((System.Collections.IList)field.Accessor.GetValue(message)).Add(child);
                        }
                        else
                        {
                            field.Accessor.SetValue(message, child);
                        }

                        yield return message;
                    }
                }
            }
        }
    }

    /// <summary>The request as JSON for a failure message, shortened; some hostile strings cannot be printed.</summary>
    public static string Describe(IMessage request)
    {
        string text;
        try
        {
            text = request.ToString() ?? string.Empty;
        }
        catch (ArgumentException)
        {
            text = $"(a {request.Descriptor.Name} holding a lone surrogate character, which JSON cannot show)";
        }

        return text.Length > 300 ? text[..300] + "…" : text;
    }

    public IMessage Message(MessageDescriptor descriptor, int depth = 0)
    {
        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        if (descriptor.FullName == Timestamp.Descriptor.FullName)
        {
            return Pick([
                new Timestamp { Seconds = Pick(Numbers), Nanos = (int)Pick(Numbers) },
                Timestamp.FromDateTime(DateTime.UtcNow.AddDays(random.Next(-4000, 4000))),
                new Timestamp(),
            ]);
        }

        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            if (random.Next(5) == 0)
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                var count = random.Next(10) switch { 0 => 0, 1 => 2_000, _ => random.Next(1, 4) };
                object? first = null;
                for (var i = 0; i < count; i++)
                {
                    // Duplicates are common: the same value again.
                    var value = first is not null && random.Next(3) == 0 ? first : Value(field, depth);
                    first ??= value;
                    if (value is not null)
                    {
                        list.Add(value);
                    }
                }

                continue;
            }

            if (field.IsMap)
            {
                continue;
            }

            if (Value(field, depth) is { } single)
            {
                field.Accessor.SetValue(message, single);
            }
        }

        return message;
    }

    /// <summary>A request far over the 4 MB limit.</summary>
    public static IMessage Oversized(MessageDescriptor descriptor)
    {
        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        var field = descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.FieldType == FieldType.String && !f.IsRepeated);
        field?.Accessor.SetValue(message, new string('x', 6 * 1024 * 1024));
        return message;
    }

    private object? Value(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String => Pick(Strings) + (random.Next(4) == 0 ? random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty),
        FieldType.Bytes => ByteString.CopyFrom(new byte[random.Next(0, 64)]),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => unchecked((int)Pick(Numbers)),
        FieldType.UInt32 or FieldType.Fixed32 => unchecked((uint)Pick(Numbers)),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Pick(Numbers),
        FieldType.UInt64 or FieldType.Fixed64 => unchecked((ulong)Pick(Numbers)),
        FieldType.Double => Pick([0.0, -1.0, double.NaN, double.MaxValue]),
        FieldType.Float => Pick([0f, -1f, float.NaN]),
        FieldType.Enum => Pick([0, 1, 2, 3, 99, -1]),
        FieldType.Message when depth < 3 => Message(field.MessageType, depth + 1),
        _ => null,
    };

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
