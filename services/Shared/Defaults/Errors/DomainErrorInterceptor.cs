using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Data;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// Turns domain refusals into gRPC statuses with google.rpc.ErrorInfo details, and anything
/// unexpected into Internal without leaking its text (it is logged instead).
/// </summary>
internal sealed class DomainErrorInterceptor(ILogger<DomainErrorInterceptor> logger) : Interceptor
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
            case var _ when FromDatabase(ex) is { } database:
                // Not a bug: one line, no stack trace; the caller is told to send the same request again.
                logger.LogWarning("{Method} answered {Reason}: {Error}", context.Method, database.Reason, Innermost(ex).Message);
                return ToRpcException(database, DomainOf(context.Method));
            default:
                logger.LogError(ex, "{Method} failed unexpectedly", context.Method);
                return ToRpcException(
                    new DomainException(StatusCode.Internal, "INTERNAL", "The service failed unexpectedly; the failure is logged. Nothing was changed by this call unless it said so."),
                    DomainOf(context.Method));
        }
    }

    /// <summary>
    /// A database failure that is neither the caller's fault nor a bug, as the caller should hear
    /// it; null for any other exception. A deadlock or serialization failure (PostgreSQL undid the
    /// call's transaction to let a conflicting one through) is Aborted; a database that cannot be
    /// reached, lost the connection or is shutting down is Unavailable. Both tell the client to
    /// send the same request again: its idempotency key or order id makes the retry safe.
    /// </summary>
    public static DomainException? FromDatabase(Exception ex) => DatabaseErrors.Classify(ex) switch
    {
        DatabaseFailure.Conflict => new DomainException(StatusCode.Aborted, "DATABASE_CONFLICT",
            "Another change to the same records got in the way, and the database stopped this call's last step. Steps the call had already finished stay done; send the same request again (with the same key or order id) to finish it."),
        DatabaseFailure.Unavailable => new DomainException(StatusCode.Unavailable, "DATABASE_UNAVAILABLE",
            "The service could not reach its database, or lost it during this call. Send the same request again (with the same key or order id) in a few seconds: what this call already did is not done twice."),
        _ => null,
    };

    private static Exception Innermost(Exception ex)
    {
        var e = ex;
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
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
