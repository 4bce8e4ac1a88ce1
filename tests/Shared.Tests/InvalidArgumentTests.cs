using Google.Rpc;
using Grpc.Core;
using Platform.ServiceDefaults.Errors;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class InvalidArgumentTests
{
    [Fact]
    public void An_invalid_argument_names_its_field_in_metadata_in_a_field_violation_and_in_its_message()
    {
        var refusal = DomainException.Invalid("PERIOD_INVALID", "The period is at most 366 days long.", "to", ("max_days", "366"));

        var rpc = DomainErrorInterceptor.ToRpcException(refusal, "platform.redemption.v1");

        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
        Assert.Equal("The period is at most 366 days long (field 'to').", rpc.Status.Detail);
        var info = rpc.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(("to", "366"), (info.Metadata["field"], info.Metadata["max_days"]));
        var violation = Assert.Single(rpc.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("to", violation.Field);
    }

    [Fact]
    public void A_message_that_already_names_its_field_is_kept_as_written()
    {
        Assert.Equal("The household_number is required.", DomainException.Invalid("X", "The household_number is required.", "household_number").Message);
        Assert.Equal("The village code is required (field 'village_code').", DomainException.Invalid("X", "The village code is required.", "village_code").Message);
    }

    [Fact]
    public void A_refused_batch_keeps_its_rows_violations_and_names_the_field_holding_the_rows()
    {
        var refusal = DomainException.InvalidRows("SHEET_INVALID", "2 lines cannot be accepted.", "lines",
            [new FieldViolation("lines[0].points", "row 1: points"), new FieldViolation("lines[3].rule_code", "row 4: rule")]);

        var rpc = DomainErrorInterceptor.ToRpcException(refusal, "platform.scoring.v1");

        Assert.Equal("lines", rpc.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["field"]);
        Assert.Equal(["lines[0].points", "lines[3].rule_code"], rpc.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.Contains("lines", rpc.Status.Detail, StringComparison.Ordinal);
    }
}
