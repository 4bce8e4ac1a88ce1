using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.Redemption.Orders;
using Platform.Redemption.Stock;
using Platform.Redemption.Supermarkets;
using Platform.Redemption.Villages;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Data;

/// <summary>Redemption's own database. Only Redemption reads or writes these tables.</summary>
internal partial class RedemptionDb : DbContext, IOutboxDbContext, IAuditDbContext
{
    public RedemptionDb(DbContextOptions options)
        : base(options)
    {
        // Every write runs in a transaction of its own making; a savepoint around each
        // SaveChanges would only add round trips while the SKUs' rows are locked.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Supermarket> Supermarkets => Set<Supermarket>();

    public DbSet<SupermarketVillage> SupermarketVillages => Set<SupermarketVillage>();

    public DbSet<SupermarketCounter> Counters => Set<SupermarketCounter>();

    public DbSet<KnownVillage> KnownVillages => Set<KnownVillage>();

    public DbSet<Item> Items => Set<Item>();

    public DbSet<StockLot> Lots => Set<StockLot>();

    public DbSet<StockMovement> Movements => Set<StockMovement>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderLine> OrderLines => Set<OrderLine>();

    public DbSet<HouseholdUsage> Usage => Set<HouseholdUsage>();

    public DbSet<GoodsReturn> Returns => Set<GoodsReturn>();

    public DbSet<GoodsReturnLine> ReturnLines => Set<GoodsReturnLine>();

    public DbSet<CachedHousehold> Households => Set<CachedHousehold>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    /// <summary>
    /// Every table, column, key and index is named in snake_case, so the hand-written set-based
    /// SQL reads the same on PostgreSQL and SQLite without quoting. Here rather than where the
    /// context is registered, so tools, tests and `dotnet ef` build the same model.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSnakeCaseNamingConvention(CultureInfo.InvariantCulture);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddAuditTrail();
        modelBuilder.Entity<Supermarket>(e =>
        {
            e.ToTable("supermarkets");
            e.HasKey(s => s.Code);
            e.Property(s => s.Code).HasMaxLength(32);
            e.Property(s => s.Name).HasMaxLength(100);
            e.HasMany(s => s.Villages).WithOne().HasForeignKey(v => v.SupermarketCode);
            e.HasMany(s => s.Counters).WithOne().HasForeignKey(c => c.SupermarketCode);
        });
        modelBuilder.Entity<SupermarketVillage>(e =>
        {
            e.ToTable("supermarket_villages");
            e.HasKey(v => new { v.SupermarketCode, v.VillageCode });
            e.Property(v => v.VillageCode).HasMaxLength(32);
        });
        modelBuilder.Entity<SupermarketCounter>(e =>
        {
            e.ToTable("counters");
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(32);
        });
        modelBuilder.Entity<KnownVillage>(e =>
        {
            e.ToTable("known_villages");
            e.HasKey(v => v.Code);
            e.Property(v => v.Code).HasMaxLength(32);
            e.Property(v => v.Name).HasMaxLength(100);
            e.Property(v => v.Township).HasMaxLength(100);
            e.Property(v => v.County).HasMaxLength(100);
        });
        modelBuilder.Entity<Item>(e =>
        {
            e.ToTable("items", t =>
            {
                t.HasCheckConstraint("ck_items_reserved", "reserved >= 0 AND reserved <= on_hand");
            });
            e.HasKey(i => new { i.SupermarketCode, i.Sku });
            e.Property(i => i.SupermarketCode).HasMaxLength(32);
            e.Property(i => i.Sku).HasMaxLength(32);
            e.Property(i => i.Name).HasMaxLength(100);
            e.Property(i => i.Unit).HasMaxLength(40);
        });
        modelBuilder.Entity<StockLot>(e =>
        {
            e.ToTable("stock_lots", t => t.HasCheckConstraint("ck_stock_lots_on_hand", "on_hand >= 0"));
            e.Property(l => l.SupermarketCode).HasMaxLength(32);
            e.Property(l => l.Sku).HasMaxLength(32);
            e.Property(l => l.SourceName).HasMaxLength(100);
            e.Property(l => l.RequestId).HasMaxLength(100);
            e.HasIndex(l => new { l.SupermarketCode, l.Sku, l.BestBefore });
            e.HasIndex(l => new { l.SupermarketCode, l.ReceivedAt });
        });
        modelBuilder.Entity<StockMovement>(e =>
        {
            e.ToTable("stock_movements");
            e.Property(m => m.SupermarketCode).HasMaxLength(32);
            e.Property(m => m.Sku).HasMaxLength(32);
            e.Property(m => m.Reason).HasMaxLength(500);
            e.Property(m => m.OrderId).HasMaxLength(100);
            e.Property(m => m.Actor).HasMaxLength(100);
            e.Property(m => m.RequestId).HasMaxLength(100);
            e.HasIndex(m => new { m.SupermarketCode, m.Sku, m.Id });
            e.HasIndex(m => m.OrderId);
        });
        modelBuilder.Entity<Order>(e =>
        {
            e.ToTable("orders");
            e.Property(o => o.Id).HasMaxLength(100);
            e.Property(o => o.SupermarketCode).HasMaxLength(32);
            e.Property(o => o.CounterCode).HasMaxLength(32);
            e.Property(o => o.VillageCode).HasMaxLength(32);
            e.Property(o => o.HouseholdNumber).HasMaxLength(32);
            e.Property(o => o.HeadName).HasMaxLength(100);
            e.Property(o => o.CancelReason).HasMaxLength(500);
            e.Property(o => o.Actor).HasMaxLength(100);
            e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
            e.HasIndex(o => new { o.Status, o.CreatedAt });
            e.HasIndex(o => new { o.SupermarketCode, o.CreatedAt });
            // A household's own orders, newest first (HouseholdOrders).
            e.HasIndex(o => new { o.VillageCode, o.HouseholdNumber, o.CreatedAt });
        });
        modelBuilder.Entity<OrderLine>(e =>
        {
            e.ToTable("order_lines", t => t.HasCheckConstraint("ck_order_lines_returned", "returned_quantity >= 0 AND returned_quantity <= quantity"));
            e.HasKey(l => new { l.OrderId, l.LineNumber });
            e.Property(l => l.Sku).HasMaxLength(32);
            e.Property(l => l.Name).HasMaxLength(100);
            e.Property(l => l.Unit).HasMaxLength(40);
            e.Property(l => l.LimitPeriod).HasMaxLength(7);
        });
        modelBuilder.Entity<HouseholdUsage>(e =>
        {
            e.ToTable("household_usage", t => t.HasCheckConstraint("ck_household_usage_quantity", "quantity >= 0"));
            e.HasKey(u => new { u.SupermarketCode, u.Sku, u.VillageCode, u.HouseholdNumber, u.Period });
            e.Property(u => u.SupermarketCode).HasMaxLength(32);
            e.Property(u => u.Sku).HasMaxLength(32);
            e.Property(u => u.VillageCode).HasMaxLength(32);
            e.Property(u => u.HouseholdNumber).HasMaxLength(32);
            e.Property(u => u.Period).HasMaxLength(7);
        });
        modelBuilder.Entity<GoodsReturn>(e =>
        {
            e.ToTable("returns");
            e.Property(r => r.Id).HasMaxLength(100);
            e.Property(r => r.OrderId).HasMaxLength(100);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.Property(r => r.Actor).HasMaxLength(100);
            e.Property(r => r.CancelReason).HasMaxLength(500);
            e.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnId);
            e.HasIndex(r => new { r.Status, r.CreatedAt });
            e.HasIndex(r => r.OrderId);
        });
        modelBuilder.Entity<GoodsReturnLine>(e =>
        {
            e.ToTable("return_lines");
            e.HasKey(l => new { l.ReturnId, l.Sku });
            e.Property(l => l.Sku).HasMaxLength(32);
        });
        modelBuilder.Entity<CachedHousehold>(e =>
        {
            e.ToTable("households");
            e.HasKey(h => new { h.VillageCode, h.Number });
            e.Property(h => h.VillageCode).HasMaxLength(32);
            e.Property(h => h.Number).HasMaxLength(32);
            e.Property(h => h.HeadName).HasMaxLength(100);
            // Six letters at most per character of a name of at most 100.
            e.Property(h => h.HeadPinyin).HasMaxLength(600);
            e.Property(h => h.HeadInitials).HasMaxLength(100);
            e.HasIndex(h => h.Number);
            e.Property(h => h.CardNumber).HasMaxLength(32);
            e.Property(h => h.MergedInto).HasMaxLength(32);
            e.HasIndex(h => h.CardNumber);
        });
        ConfigureStockCare(modelBuilder);
        ConfigureGiftRuns(modelBuilder);
    }

    // Each in its own file (RedemptionDb.NAME.cs) beside the entities it configures.
    partial void ConfigureStockCare(ModelBuilder modelBuilder);

    partial void ConfigureGiftRuns(ModelBuilder modelBuilder);
}
