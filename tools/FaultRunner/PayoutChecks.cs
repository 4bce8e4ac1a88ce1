namespace Platform.FaultRunner;

/// <summary>
/// The check payouts-at-most-once, on Dividends' own tables against what the distribution's
/// calls were answered: each payout paid at most once (one paid payout per member, one
/// DividendPaid event per payout), for its allocation line's amount, the paid total within the
/// distribution; every payout answered paid is paid with the amount answered; and when the
/// scenario completed, every member owed something is paid and the distribution is paid.
/// </summary>
internal sealed class PayoutChecks(string dividendsDb, DistributionBook book)
{
    private const string IsPaid = "\"Status\" IN ('Paid', '2')";

    public async Task<string?> RunAsync() =>
        await First($"""
            SELECT "DistributionId", "MemberId", count(*) FROM payouts WHERE {IsPaid}
            GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2 LIMIT 1
            """, "distribution, member, payouts paid")
        ?? await First($"""
            SELECT p."PayoutId", p."Status", count(o.sequence) FROM payouts p
            LEFT JOIN outbox_messages o ON o.type LIKE '%.DividendPaid,%' AND o.payload::jsonb ->> 'payoutId' = p."PayoutId"
            GROUP BY 1, 2 HAVING count(o.sequence) > 1 OR (count(o.sequence) = 0 AND p.{IsPaid}) OR (count(o.sequence) > 0 AND NOT p.{IsPaid})
            ORDER BY 1 LIMIT 1
            """, "payout, status, DividendPaid events (one for a paid payout, none otherwise)")
        ?? await First($"""
            SELECT p."PayoutId", p."MemberId", p."AmountFen", l."TotalFen" FROM payouts p
            LEFT JOIN allocation_lines l ON l."DistributionId" = p."DistributionId" AND l."MemberId" = p."MemberId"
            WHERE l."TotalFen" IS DISTINCT FROM p."AmountFen" ORDER BY 1 LIMIT 1
            """, "payout, member, fen, the member's allocated fen")
        ?? await First($"""
            SELECT d."Id", d."AllocatedFen", sum(p."AmountFen") FROM distributions d JOIN payouts p ON p."DistributionId" = d."Id"
            WHERE p.{IsPaid} GROUP BY d."Id", d."AllocatedFen" HAVING sum(p."AmountFen") > d."AllocatedFen" ORDER BY 1 LIMIT 1
            """, "distribution, allocated fen, paid fen")
        ?? await AnswersKeptAsync()
        ?? await CompletedAsync();

    /// <summary>Every payout the runner was told was paid is paid, with the fen it was told.</summary>
    private async Task<string?> AnswersKeptAsync()
    {
        var rows = (await Sql.RowsAsync(dividendsDb, """SELECT "PayoutId", "Status", "AmountFen", "MemberId" FROM payouts"""))
            .ToDictionary(r => (string)r[0]!, r => (Status: (string)r[1]!, Fen: (long)r[2]!, MemberId: (long)r[3]!));
        foreach (var (id, (memberId, fen)) in book.Paid.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!rows.TryGetValue(id, out var row) || row.Status is not ("Paid" or "2") || row.Fen != fen || row.MemberId != memberId)
            {
                return $"payout {id} of member {memberId} was answered paid ({fen} fen) but is " +
                    (rows.TryGetValue(id, out var r) ? $"{r.Status}, {r.Fen} fen, member {r.MemberId}" : "missing");
            }
        }

        return null;
    }

    /// <summary>When the scenario completed: the draft as answered, every member owed something paid, the distribution paid.</summary>
    private async Task<string?> CompletedAsync()
    {
        if (book.DistributionId == 0)
        {
            return null;
        }

        var rows = await Sql.RowsAsync(dividendsDb, $"""
            SELECT d."Status", d."AllocatedFen",
                   (SELECT count(*) FROM allocation_lines l WHERE l."DistributionId" = d."Id" AND l."TotalFen" > 0),
                   (SELECT count(*) FROM payouts p WHERE p."DistributionId" = d."Id" AND p.{IsPaid}),
                   (SELECT coalesce(sum(p."AmountFen"), 0)::bigint FROM payouts p WHERE p."DistributionId" = d."Id" AND p.{IsPaid})
            FROM distributions d WHERE d."Id" = @id
            """, ("id", book.DistributionId));
        if (rows.Count == 0)
        {
            return $"distribution {book.DistributionId} was answered drafted but is missing";
        }

        var (status, allocated, owed, paid, paidFen) = ((string)rows[0][0]!, (long)rows[0][1]!, (long)rows[0][2]!, (long)rows[0][3]!, (long)rows[0][4]!);
        if (allocated != book.AllocatedFen || owed != book.Owed)
        {
            return $"distribution {book.DistributionId} was drafted with {book.AllocatedFen} fen to {book.Owed} members but holds {allocated} fen to {owed}";
        }

        if (book.Completed && (paid != owed || status is not ("Paid" or "4")))
        {
            return $"distribution {book.DistributionId} was answered paid ({book.Paid.Count} payouts answered paid) but is {status} with {paid} of {owed} payouts paid ({paidFen} fen)";
        }

        return null;
    }

    private async Task<string?> First(string sql, string what)
    {
        var rows = await Sql.RowsAsync(dividendsDb, sql);
        return rows.Count == 0 ? null : $"{what}: " + string.Join(", ", rows[0].Select(v => v?.ToString() ?? "null"));
    }
}
