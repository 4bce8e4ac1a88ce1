using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Idempotency;

public static class IdempotencyModel
{
    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder model)
    {
        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasKey(r => r.Key);
            e.Property(r => r.Key).HasColumnName("key").HasMaxLength(100);
            e.Property(r => r.Operation).HasColumnName("operation").HasMaxLength(100);
            e.Property(r => r.RequestHash).HasColumnName("request_hash");
            e.Property(r => r.Response).HasColumnName("response");
            e.Property(r => r.CreatedAt).HasColumnName("created_at");
        });
        return model;
    }
}
