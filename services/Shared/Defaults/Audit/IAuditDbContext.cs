using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Audit;

/// <summary>A service database that keeps the audit trail (mapped with modelBuilder.AddAuditTrail()).</summary>
public interface IAuditDbContext
{
    DbSet<AuditRecord> AuditRecords { get; }
}
