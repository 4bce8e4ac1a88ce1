using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Errors;

namespace Platform.ServiceDefaults.Reading;

/// <summary>
/// A request whose bytes do not parse as its message (invalid UTF-8 in a string, a truncated
/// message): the caller sent something wrong, so it is InvalidArgument naming the message type,
/// logged as one line without a stack trace, and marked on the call for <see cref="UnreadableRequestAudit"/>.
/// </summary>
internal static class UnreadableRequest
{
    public const string ItemKey = "platform.unreadable-request";

    public static Marshaller<T> Guard<T>(Marshaller<T> inner, string method, IHttpContextAccessor http, ILogger logger) =>
        new(inner.ContextualSerializer, context =>
        {
            try
            {
                return inner.ContextualDeserializer(context);
            }
            catch (Exception ex) when (ex is Google.Protobuf.InvalidProtocolBufferException or System.Text.DecoderFallbackException or ArgumentException)
            {
                var type = typeof(T).GetProperty("Descriptor")?.GetValue(null) is Google.Protobuf.Reflection.MessageDescriptor d ? d.FullName : typeof(T).Name;
                logger.LogInformation("{Method} refused: REQUEST_UNREADABLE, the request is not a readable {MessageType} ({Error})", method, type, ex.Message);
                if (http.HttpContext is { } call)
                {
                    call.Items[ItemKey] = type;
                }

                var service = method.TrimStart('/').Split('/')[0];
                var refusal = new DomainException(StatusCode.InvalidArgument, "REQUEST_UNREADABLE",
                    $"The request to {method} could not be read as a {type}: {ex.Message} Send a {type} built by a protobuf library from the service's protos.",
                    ("message_type", type));
                throw DomainErrorInterceptor.ToRpcException(refusal, service[..Math.Max(0, service.LastIndexOf('.'))]);
            }
        });
}
