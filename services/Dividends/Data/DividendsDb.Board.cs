using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Board;
using Platform.Dividends.Members;

namespace Platform.Dividends.Data;

/// <summary>The cooperative's roster and assemblies, and members' payment details.</summary>
internal partial class DividendsDb
{
    public DbSet<RosterEntry> Roster => Set<RosterEntry>();

    public DbSet<AssemblyMeeting> Assemblies => Set<AssemblyMeeting>();

    public DbSet<PaymentDetails> PaymentDetails => Set<PaymentDetails>();

    partial void ConfigureBoard(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RosterEntry>(e =>
        {
            e.ToTable("board_roster");
            e.HasKey(r => r.Id);
            e.Property(r => r.CooperativeCode).HasMaxLength(32);
            e.Property(r => r.Body).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.Subject).HasMaxLength(100);
            e.HasIndex(r => new { r.CooperativeCode, r.Subject });
        });
        modelBuilder.Entity<AssemblyMeeting>(e =>
        {
            e.ToTable("assemblies");
            e.HasKey(a => a.Id);
            e.Property(a => a.CooperativeCode).HasMaxLength(32);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(a => a.ResolutionNumber).HasMaxLength(50);
            e.Property(a => a.ResolutionText).HasMaxLength(2000);
            e.HasIndex(a => a.CooperativeCode);
        });
        modelBuilder.Entity<PaymentDetails>(e =>
        {
            e.ToTable("payment_details");
            e.HasKey(p => p.MemberId);
            e.Property(p => p.CooperativeCode).HasMaxLength(32);
            e.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Account).HasMaxLength(64);
            e.Property(p => p.AccountHolder).HasMaxLength(100);
            e.Property(p => p.IdCardNumber).HasMaxLength(18);
        });
        modelBuilder.Entity<Distributions.Distribution>(e =>
        {
            e.Property(d => d.BoardSignerSubject).HasMaxLength(100);
            e.Property(d => d.SupervisorySignerSubject).HasMaxLength(100);
        });
    }
}
