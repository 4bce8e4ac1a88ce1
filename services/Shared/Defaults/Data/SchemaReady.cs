using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Whether <see cref="DatabaseMigrator{TDb}"/> has brought the schema of <typeparamref name="TDb"/>
/// up to date in this process. Health checks run from the host's first seconds, beside the
/// migrations; one that read a table before it existed would have EF Core log an error that is
/// none (seen on the embedded host starting under load: "no such table: outbox_messages").
/// </summary>
internal sealed class SchemaReady<TDb>
    where TDb : DbContext
{
    private volatile bool ready;

    public bool Ready => ready;

    public void Set() => ready = true;
}
