using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// A command interceptor a test arms to run a change of its own once, just before the first
/// command whose SQL contains a text: a concurrent write put exactly between two reads of the
/// code under test. Register it for a service's DbContext with
/// <c>services.AddKeyedSingleton&lt;IInterceptor&gt;(typeof(TheDb), interceptor)</c>.
/// </summary>
public sealed class BeforeCommand : DbCommandInterceptor
{
    private string? armedFor;
    private Func<Task>? change;
    private int ran;

    /// <summary>Whether the change has run.</summary>
    public bool Ran => Volatile.Read(ref ran) == 1;

    public void Arm(string sqlContains, Func<Task> changeToMake)
    {
        change = changeToMake;
        Volatile.Write(ref armedFor, sqlContains);
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref armedFor) is { } text && command.CommandText.Contains(text, StringComparison.Ordinal)
            && Interlocked.Exchange(ref ran, 1) == 0)
        {
            await change!();
        }

        return result;
    }
}
