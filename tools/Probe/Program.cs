using System.Diagnostics;
using Grpc.Health.V1;
using Grpc.Net.Client;

// Usage: probe wait ADDRESS SECONDS SERVICE [SERVICE…]
//   Polls grpc.health.v1 at ADDRESS until every SERVICE answers SERVING ("" is the whole host),
//   prints how long that took, and exits 0; exits 1 with the last status or error on timeout.
if (args.Length < 4 || args[0] != "wait" || !int.TryParse(args[2], out var seconds))
{
    Console.Error.WriteLine("usage: probe wait ADDRESS SECONDS SERVICE [SERVICE…]");
    return 2;
}

var address = args[1];
var services = args[3..].Select(s => s == "-" ? "" : s).ToArray();
var clock = Stopwatch.StartNew();
using var channel = GrpcChannel.ForAddress(address);
var client = new Health.HealthClient(channel);
var last = "no answer yet";
while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
{
    try
    {
        var pending = new List<string>();
        foreach (var service in services)
        {
            var response = await client.CheckAsync(new HealthCheckRequest { Service = service },
                deadline: DateTime.UtcNow.AddSeconds(5));
            if (response.Status != HealthCheckResponse.Types.ServingStatus.Serving)
            {
                pending.Add($"{(service.Length == 0 ? "(host)" : service)}={response.Status}");
            }
        }

        if (pending.Count == 0)
        {
            Console.WriteLine($"{address}: {string.Join(", ", services.Select(s => s.Length == 0 ? "(host)" : s))} SERVING after {clock.ElapsedMilliseconds} ms");
            return 0;
        }

        last = string.Join(", ", pending);
    }
    catch (Exception ex)
    {
        last = ex.Message;
    }

    await Task.Delay(50);
}

Console.Error.WriteLine($"{address}: not SERVING after {seconds} s: {last}");
return 1;
