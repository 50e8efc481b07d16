using Npgsql;

namespace Portal.Tests.Infrastructure;

/// <summary>A PostgreSQL server of its own and one app on it (<c>Portal:Database:Provider=Postgres</c>), shared by the tests of a class.</summary>
public sealed class PostgresPortal : IAsyncLifetime
{
    private readonly PostgresServer _server = new();
    private string _connectionString = "";

    public PortalAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _connectionString = await _server.CreateDatabaseAsync("portal");
        App = await PortalAppFactory.StartAsync(new Dictionary<string, string?>
        {
            ["Portal:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Portal"] = _connectionString,
        });
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<string>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        await _server.DisposeAsync();
    }
}
