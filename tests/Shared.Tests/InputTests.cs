using Grpc.Core;
using Platform.ServiceDefaults.Errors;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class InputTests
{
    [Fact]
    public void A_value_quoted_back_keeps_whole_characters_and_masks_control_characters_and_broken_halves()
    {
        Assert.Equal("王𠀀芳", Input.Quote("王𠀀芳"));
        Assert.Equal("a?b?", Input.Quote("a\0b\uD800"));
        Assert.Equal(new string('x', 40) + "…", Input.Quote(new string('x', 600)));
    }

    [Fact]
    public void A_code_is_trimmed()
    {
        Assert.Equal("410522101201", Input.Code("  410522101201 ", "code", "village code"));
    }

    [Theory]
    [InlineData(null, "CODE_REQUIRED")]
    [InlineData("", "CODE_REQUIRED")]
    [InlineData("41 05", "CODE_INVALID")]
    [InlineData("东山村", "CODE_INVALID")]
    [InlineData("123456789012345678901234567890123", "CODE_INVALID")]
    public void A_bad_code_is_an_invalid_argument_naming_its_field(string? code, string reason)
    {
        var ex = Assert.Throws<DomainException>(() => Input.Code(code, "code", "village code"));

        Assert.Equal(StatusCode.InvalidArgument, ex.Status);
        Assert.Equal(reason, ex.Reason);
        Assert.Equal("code", ex.Metadata["field"]);
    }

    [Fact]
    public void A_chinese_name_is_accepted()
    {
        Assert.Equal("东山村", Input.Text("东山村", "name", "village name"));
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("\0")]
    public void Control_characters_in_a_name_are_refused(string name)
    {
        var ex = Assert.Throws<DomainException>(() => Input.Text(name, "name", "village name"));

        Assert.Equal("NAME_INVALID", ex.Reason);
    }

    [Fact]
    public void An_overlong_name_is_refused_with_the_limit()
    {
        var ex = Assert.Throws<DomainException>(() => Input.Text(new string('x', 101), "name", "village name"));

        Assert.Contains("at most 100 characters", ex.Message);
    }
}
