using Platform.ServiceDefaults.Messaging;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void An_address_with_credentials_port_and_vhost_is_split_into_its_parts()
    {
        var address = RabbitMqAddress.Parse("amqp://clerk:s%40fe@127.0.0.1:47672/county");

        Assert.Equal(new RabbitMqAddress("127.0.0.1", 47672, "county", "clerk", "s@fe"), address);
    }

    [Fact]
    public void Missing_parts_take_rabbitmq_defaults()
    {
        var address = RabbitMqAddress.Parse("amqp://localhost");

        Assert.Equal(new RabbitMqAddress("localhost", 5672, "/", "guest", "guest"), address);
    }

    [Theory]
    [InlineData("localhost:5672")]
    [InlineData("http://localhost:5672/")]
    [InlineData("")]
    public void Something_that_is_not_an_amqp_address_is_refused_with_the_expected_form(string text)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => RabbitMqAddress.Parse(text));

        Assert.Contains("amqp://user:password@host:port/vhost", ex.Message);
    }
}
