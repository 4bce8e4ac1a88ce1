using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// Turns domain refusals into gRPC statuses with google.rpc.ErrorInfo details, and anything
/// unexpected into Internal without leaking its text (it is logged instead).
/// </summary>
public sealed class DomainErrorInterceptor(ILogger<DomainErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    private RpcException Translate(Exception ex, ServerCallContext context)
    {
        switch (ex)
        {
            case DomainException domain:
                logger.LogInformation("{Method} refused: {Reason} {Message}", context.Method, domain.Reason, domain.Message);
                return ToRpcException(domain, DomainOf(context.Method));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled by the caller."));
            default:
                logger.LogError(ex, "{Method} failed unexpectedly", context.Method);
                return ToRpcException(
                    new DomainException(StatusCode.Internal, "INTERNAL", "The service failed unexpectedly; the failure is logged. Nothing was changed by this call unless it said so."),
                    DomainOf(context.Method));
        }
    }

    public static RpcException ToRpcException(DomainException domain, string errorDomain)
    {
        var info = new ErrorInfo { Reason = domain.Reason, Domain = errorDomain };
        foreach (var (key, value) in domain.Metadata)
        {
            info.Metadata[key] = value;
        }

        var status = new Google.Rpc.Status
        {
            Code = (int)domain.Status,
            Message = domain.Message,
            Details = { Any.Pack(info) },
        };
        if (domain.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(domain.Violations.Select(v =>
                new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }

    // "/platform.scoring.v1.Villages/RegisterVillage" → "platform.scoring.v1"
    private static string DomainOf(string method)
    {
        var service = method.TrimStart('/').Split('/')[0];
        var lastDot = service.LastIndexOf('.');
        return lastDot > 0 ? service[..lastDot] : service;
    }
}
