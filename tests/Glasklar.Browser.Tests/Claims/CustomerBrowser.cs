using System.Text;
using Glasklar.Platform.Persistence;
using Microsoft.Playwright;

namespace Glasklar.Browser.Tests.Claims;

/// <summary>Steps and checks shared by the customer-portal browser tests.</summary>
internal static class CustomerBrowser
{
    public static async Task LogOutAsync(IPage page, Uri home)
    {
        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.WaitForURLAsync(home.ToString());
    }

    /// <summary>
    /// What the browser shows now holds none of <paramref name="personal"/>: the page came from the server
    /// again (no-store) and, without a session, it is the login page.
    /// </summary>
    public static async Task ShowsNothingPersonalAsync(IPage page, params string[] personal)
    {
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var datum in personal)
        {
            text.ShouldNotContain(datum, Case.Insensitive, $"{page.Url} zeigt nach dem Ende der Sitzung noch persönliche Daten");
        }
    }

    public static async Task<int> ExecuteAsync(BrowserApp app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = DbSession.Create(new DatabaseOptions(DatabaseProvider.Sqlite, app.ConnectionString));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<object?[]>> QueryAsync(BrowserApp app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = DbSession.Create(new DatabaseOptions(DatabaseProvider.Sqlite, app.ConnectionString));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);
}
