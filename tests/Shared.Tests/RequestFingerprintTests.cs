using Google.Protobuf;
using Google.Protobuf.Reflection;
using Platform.ServiceDefaults.Idempotency;
using Xunit;
using Redemption = Platform.Contracts.Redemption.V1;
using Scoring = Platform.Contracts.Scoring.V1;

namespace Platform.Shared.Tests;

/// <summary>The one fingerprint every keyed write stores with its key.</summary>
public sealed class RequestFingerprintTests
{
    public static TheoryData<string> Requests() =>
    [
        Redemption.RedeemRequest.Descriptor.FullName,
        Redemption.ReturnGoodsRequest.Descriptor.FullName,
        Scoring.HoldRequest.Descriptor.FullName,
        Scoring.RefundRequest.Descriptor.FullName,
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public void Equal_requests_built_apart_have_equal_fingerprints(string type)
    {
        var descriptor = Descriptor(type);

        Assert.Equal(RequestFingerprint.Of("Op", Filled(descriptor)), RequestFingerprint.Of("Op", Filled(descriptor)));
        Assert.True(RequestFingerprint.Matches(RequestFingerprint.Of("Op", Filled(descriptor)), RequestFingerprint.Of("Op", Filled(descriptor))));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_differing_in_any_one_field_has_another_fingerprint(string type)
    {
        var descriptor = Descriptor(type);
        var first = RequestFingerprint.Of("Op", Filled(descriptor));
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            var changed = Filled(descriptor);
            Change(changed, field);

            Assert.False(RequestFingerprint.Matches(first, RequestFingerprint.Of("Op", changed)), $"{type}.{field.Name} changed, same fingerprint");
        }
    }

    [Fact]
    public void The_same_request_to_another_operation_has_another_fingerprint()
    {
        var request = Filled(Redemption.RedeemRequest.Descriptor);

        Assert.NotEqual(RequestFingerprint.Of("Redeem", request), RequestFingerprint.Of("ReturnGoods", request));
        Assert.Equal(RequestFingerprint.Length, RequestFingerprint.Of("Redeem", request).Length);
    }

    private static MessageDescriptor Descriptor(string type) =>
        new[] { Redemption.RedeemRequest.Descriptor, Redemption.ReturnGoodsRequest.Descriptor, Scoring.HoldRequest.Descriptor, Scoring.RefundRequest.Descriptor }
            .Single(d => d.FullName == type);

    // Every field set, to the same values each time.
    private static IMessage Filled(MessageDescriptor descriptor)
    {
        var message = descriptor.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            var value = Value(field, 1);
            if (field.IsRepeated)
            {
                ((System.Collections.IList)field.Accessor.GetValue(message)).Add(value);
            }
            else
            {
                field.Accessor.SetValue(message, value);
            }
        }

        return message;
    }

    private static void Change(IMessage message, FieldDescriptor field)
    {
        if (field.IsRepeated)
        {
            ((System.Collections.IList)field.Accessor.GetValue(message)).Add(Value(field, 2));
        }
        else
        {
            field.Accessor.SetValue(message, Value(field, 2));
        }
    }

    private static object Value(FieldDescriptor field, int variant) => field.FieldType switch
    {
        FieldType.String => $"v{variant}",
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => variant,
        FieldType.UInt32 or FieldType.Fixed32 => (uint)variant,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => (long)variant,
        FieldType.UInt64 or FieldType.Fixed64 => (ulong)variant,
        FieldType.Bool => variant == 1,
        FieldType.Enum => variant,
        FieldType.Message => Filled(field.MessageType) is var inner && variant == 1 ? inner : Changed(inner),
        _ => throw new NotSupportedException($"{field.FullName} is a {field.FieldType}; add it to the test."),
    };

    private static IMessage Changed(IMessage inner)
    {
        Change(inner, inner.Descriptor.Fields.InDeclarationOrder()[0]);
        return inner;
    }
}
