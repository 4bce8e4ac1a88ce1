using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Audit;

public static class AuditModel
{
    public const string Table = "audit_records";

    /// <summary>Maps the audit trail, indexed for the auditors' queries: by village, by actor, by time.</summary>
    public static ModelBuilder AddAuditTrail(this ModelBuilder model)
    {
        model.Entity<AuditRecord>(e =>
        {
            e.ToTable(Table);
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.At).HasColumnName("at");
            e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(AuditRecord.MaxText);
            e.Property(x => x.Roles).HasColumnName("roles").HasMaxLength(AuditRecord.MaxText);
            e.Property(x => x.Method).HasColumnName("method").HasMaxLength(AuditRecord.MaxText);
            e.Property(x => x.KeyFields).HasColumnName("key_fields").HasMaxLength(AuditRecord.MaxKeyFields);
            e.Property(x => x.RequestId).HasColumnName("request_id").HasMaxLength(AuditRecord.MaxText);
            e.Property(x => x.Outcome).HasColumnName("outcome").HasMaxLength(AuditRecord.MaxOutcome);
            e.Property(x => x.Reason).HasColumnName("reason").HasMaxLength(AuditRecord.MaxText);
            e.Property(x => x.VillageCode).HasColumnName("village_code").HasMaxLength(AuditRecord.MaxText);
            e.Property(x => x.Scope).HasColumnName("scope").HasMaxLength(AuditRecord.MaxText);
            e.HasIndex(x => new { x.VillageCode, x.At });
            e.HasIndex(x => new { x.Actor, x.At });
            e.HasIndex(x => x.At);
        });
        return model;
    }
}
