using System.Net;
using System.Text.Json;
using Glasklar.Testing;

namespace Glasklar.Host.Tests.Cli;

/// <summary>The real `glasklar` executable, started as a new user would, once per database provider.</summary>
public abstract class ProgramTests(string provider)
{
    protected CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_creates_the_database_and_answers_in_German_with_a_banner()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var glasklar = await GlasklarProcess.StartAsync(database);
        using var http = new HttpClient { BaseAddress = glasklar.BaseAddress };

        using var start = await http.GetAsync("/", Ct);
        start.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await start.Content.ReadAsStringAsync(Ct)).ShouldContain("<html lang=\"de\">");
        (await http.GetAsync("/health/ready", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var output = string.Join('\n', glasklar.Output);
        output.ShouldContain("läuft: " + glasklar.BaseAddress.ToString().TrimEnd('/'));
        if (provider == Providers.Sqlite)
        {
            // Demo data is on by default with SQLite and off with PostgreSQL (production).
            output.ShouldContain("Demo-Zugänge");
            File.Exists(Path.Combine(database.DataDirectory, "glasklar.db")).ShouldBeTrue();
        }
        else
        {
            output.ShouldNotContain("Demo-Zugänge");
        }
    }

    [Fact]
    public async Task Migrate_verb_brings_an_empty_database_up_to_date_and_exits()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);

        var (exitCode, stdout, stderr) = await GlasklarProcess.RunAsync(database, "migrate");

        exitCode.ShouldBe(0, stderr);
        stdout.ShouldContain($"Datenbank ({provider}) ist auf dem neuesten Stand.");
        var again = await GlasklarProcess.RunAsync(database, "migrate");
        again.ExitCode.ShouldBe(0);
    }

    [Fact]
    [Trait("Promise", "X5")]
    [Trait("Promise", "B11")]
    public async Task Audit_verify_detects_a_tampered_row_and_names_it()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using (var glasklar = await GlasklarProcess.StartAsync(database))
        {
            // Three failed logins: three audit entries, written by the real program.
            using var http = new HttpClient { BaseAddress = glasklar.BaseAddress };
            for (var i = 0; i < 3; i++)
            {
                var page = await http.GetStringAsync("/anmelden", Ct);
                var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
                await http.PostAsync("/anmelden", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["email"] = "betreiber@demo.glasklar.example",
                    ["password"] = "falsch-falsch-" + i,
                    ["__af"] = token,
                }), Ct);
            }
        }

        var intact = await GlasklarProcess.RunAsync(database, "audit", "verify");
        intact.ExitCode.ShouldBe(0, intact.StdErr + intact.StdOut);
        intact.StdOut.ShouldContain("intakt: 3 Einträge");

        await ExecuteAsync(database, "UPDATE " + (provider == Providers.Postgres ? "platform." : "") + "platform_audit_log SET \"Action\" = 'anmeldung' WHERE \"Sequence\" = 2");
        var tampered = await GlasklarProcess.RunAsync(database, "audit", "verify");

        tampered.ExitCode.ShouldBe(1);
        tampered.StdErr.ShouldContain("Eintrag 2 ist der erste gebrochene");
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        var options = new Glasklar.Platform.Persistence.DatabaseOptions(Enum.Parse<Glasklar.Platform.Persistence.DatabaseProvider>(database.Provider), database.ConnectionString);
        await using var connection = Glasklar.Platform.Persistence.DbSession.Create(options);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    [Fact]
    [Trait("Promise", "A11")]
    public async Task Retention_run_prints_a_report_per_category_without_naming_anyone()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);

        var (exitCode, stdout, stderr) = await GlasklarProcess.RunAsync(database, "retention", "run");

        exitCode.ShouldBe(0, stderr);
        stdout.ShouldContain("Kategorie");
        stdout.ShouldContain("Zugriffsprotokoll");
    }

    [Fact]
    [Trait("Promise", "B9")]
    public async Task Plain_http_on_a_public_address_is_refused_before_listening()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);

        var (exitCode, _, stderr) = await GlasklarProcess.RunAsync(database, "serve", "--urls", $"http://0.0.0.0:{GlasklarProcess.FreePort()}");

        exitCode.ShouldBe(2);
        stderr.ShouldContain("kein unverschlüsseltes HTTP");
    }
}

public sealed class ProgramTestsSqlite() : ProgramTests(Providers.Sqlite);

public sealed class ProgramTestsPostgres() : ProgramTests(Providers.Postgres);

public sealed class CliVerbTests
{
    [Fact]
    public async Task Version_prints_the_program_version()
    {
        var (exitCode, stdout, _) = await GlasklarProcess.RunAsync(null, "version");

        exitCode.ShouldBe(0);
        stdout.ShouldStartWith("glasklar ");
    }

    [Fact]
    public async Task Demo_users_prints_a_json_array_of_accounts()
    {
        var (exitCode, stdout, stderr) = await GlasklarProcess.RunAsync(null, "demo-users");

        exitCode.ShouldBe(0, stderr);
        using var document = JsonDocument.Parse(stdout);
        document.RootElement.ValueKind.ShouldBe(JsonValueKind.Array);
        foreach (var account in document.RootElement.EnumerateArray())
        {
            account.GetProperty("role").GetString().ShouldNotBeNullOrWhiteSpace();
            account.GetProperty("organisation").GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    [Trait("Promise", "X4")]
    public async Task Image_clean_refuses_a_non_image_with_a_German_reason_and_writes_nothing()
    {
        var directory = Directory.CreateTempSubdirectory("glasklar-image-clean-").FullName;
        var input = Path.Combine(directory, "foto.jpg");
        var output = Path.Combine(directory, "sauber.jpg");
        await File.WriteAllTextAsync(input, "%PDF-1.7 kein Foto", TestContext.Current.CancellationToken);

        var (exitCode, _, stderr) = await GlasklarProcess.RunAsync(null, "image-clean", input, output);

        exitCode.ShouldBe(2);
        stderr.ShouldContain("JPEG");
        File.Exists(output).ShouldBeFalse();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    [Trait("Promise", "X3")]
    public async Task Text_check_reads_notes_from_stdin_and_writes_one_json_line_each()
    {
        const string notes = "Kunde ist schwerhörig, bitte laut klingeln.\nSteinschlag auf der Frontscheibe, Fahrerseite.\nRückruf unter 0151 23456789.\n";

        var (exitCode, stdout, stderr) = await GlasklarProcess.RunWithInputAsync(notes, null, "text-check");

        exitCode.ShouldBe(0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Count.ShouldBe(3);
        lines[0].GetProperty("text").GetString().ShouldBe("Kunde ist schwerhörig, bitte laut klingeln.");
        lines[0].GetProperty("special").GetBoolean().ShouldBeTrue();
        lines[0].GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldContain("health");
        var finding = lines[0].GetProperty("findings")[0];
        var start = finding.GetProperty("start").GetInt32();
        var length = finding.GetProperty("length").GetInt32();
        "Kunde ist schwerhörig, bitte laut klingeln."[start..(start + length)].ShouldBe(finding.GetProperty("match").GetString());
        lines[0].GetProperty("suggestion").GetString().ShouldNotBeNullOrWhiteSpace();
        lines[1].GetProperty("special").GetBoolean().ShouldBeFalse();
        lines[1].GetProperty("findings").GetArrayLength().ShouldBe(0);
        lines[2].GetProperty("special").GetBoolean().ShouldBeFalse();
        lines[2].GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ShouldContain("phone");
    }

    [Fact]
    public async Task Help_lists_the_verbs_in_German()
    {
        var (exitCode, stdout, _) = await GlasklarProcess.RunAsync(null, "--help");

        exitCode.ShouldBe(0);
        foreach (var verb in new[] { "serve", "migrate", "demo-users", "image-clean", "text-check", "retention", "audit", "version" })
        {
            stdout.ShouldContain(verb);
        }

        stdout.ShouldContain("Startet den Webserver");
    }
}
