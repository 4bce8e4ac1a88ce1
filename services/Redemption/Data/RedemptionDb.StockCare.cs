using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Alerts;

namespace Platform.Redemption.Data;

/// <summary>Stock care (decision 0016): the supermarkets' low-stock alerts and their near-expiry setting.</summary>
internal partial class RedemptionDb
{
    public DbSet<StockAlert> StockAlerts => Set<StockAlert>();

    public DbSet<AlertSettings> AlertSettings => Set<AlertSettings>();

    partial void ConfigureStockCare(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StockAlert>(e =>
        {
            e.ToTable("stock_alerts");
            e.Property(a => a.SupermarketCode).HasMaxLength(32);
            e.Property(a => a.Sku).HasMaxLength(32);
            e.Property(a => a.Name).HasMaxLength(100);
            // One open alert per SKU and kind; the list reads a supermarket's open ones.
            e.HasIndex(a => new { a.SupermarketCode, a.Sku, a.Kind }).IsUnique().HasFilter("cleared_at IS NULL");
        });
        modelBuilder.Entity<AlertSettings>(e =>
        {
            e.ToTable("stock_alert_settings");
            e.HasKey(s => s.SupermarketCode);
            e.Property(s => s.SupermarketCode).HasMaxLength(32);
            e.Property(s => s.SetBy).HasMaxLength(100);
        });
    }
}
