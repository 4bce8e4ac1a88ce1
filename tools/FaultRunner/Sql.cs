using Npgsql;

namespace Platform.FaultRunner;

/// <summary>Plain SQL against a service's database, for what the APIs do not show.</summary>
internal static class Sql
{
    public static async Task<List<object?[]>> RowsAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = row[i] is DBNull ? null : row[i];
            }

            rows.Add(row);
        }

        return rows;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        var rows = await RowsAsync(connectionString, sql, parameters);
        return rows.Count == 0 || rows[0][0] is null ? 0 : Convert.ToInt64(rows[0][0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A row as "column=value, …" for a violation's report.</summary>
    public static string Describe(string[] columns, object?[] row) =>
        string.Join(", ", columns.Select((c, i) => $"{c}={(i < row.Length ? row[i] ?? "null" : "?")}"));
}
