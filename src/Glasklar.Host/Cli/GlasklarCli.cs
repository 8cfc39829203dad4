using System.CommandLine;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Glasklar.Platform.Demo;
using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Images;
using Glasklar.Privacy.TextGuard;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Host.Cli;

/// <summary>
/// The `glasklar` command line. Without a verb it serves. Tokens the parser does not know are passed on
/// to the ASP.NET Core configuration (e.g. --Database:Provider=Postgres), as the framework would.
/// </summary>
internal static class GlasklarCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Glasklar – Portale für Glasschäden, Erstattungen, Telematik und Direktabrechnung, mit eingebautem Datenschutz.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var urls = new Option<string?>("--urls") { Description = "Adresse(n), auf denen Glasklar lauscht (Standard http://127.0.0.1:5080)." };
        root.Options.Add(urls);
        root.SetAction((result, ct) => ServeAsync(ForwardedArgs(result, urls), ct));

        var serve = new Command("serve", "Startet den Webserver (Standard).") { TreatUnmatchedTokensAsErrors = false };
        serve.Options.Add(urls);
        serve.SetAction((result, ct) => ServeAsync(ForwardedArgs(result, urls), ct));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Legt die Datenbank an bzw. bringt sie auf den neuesten Stand und beendet sich.") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction((result, ct) => MigrateAsync(ForwardedArgs(result, null), ct));
        root.Subcommands.Add(migrate);

        var retention = new Command("retention", "Aufbewahrungsfristen (Löschung, Anonymisierung, Sperrung).");
        var retentionRun = new Command("run", "Wendet alle Aufbewahrungsregeln jetzt an und zeigt den Bericht.") { TreatUnmatchedTokensAsErrors = false };
        retentionRun.SetAction((result, ct) => RetentionRunAsync(ForwardedArgs(result, null), ct));
        retention.Subcommands.Add(retentionRun);
        root.Subcommands.Add(retention);

        var audit = new Command("audit", "Revisionsprotokoll (Anmeldungen, Änderungen).");
        var auditVerify = new Command("verify", "Prüft die Hash-Kette des Revisionsprotokolls; Exit 1 mit dem ersten gebrochenen Eintrag.") { TreatUnmatchedTokensAsErrors = false };
        auditVerify.SetAction((result, ct) => AuditVerifyAsync(ForwardedArgs(result, null), ct));
        audit.Subcommands.Add(auditVerify);
        root.Subcommands.Add(audit);

        var demoUsers = new Command("demo-users", "Gibt die Demo-Zugänge als JSON aus.") { TreatUnmatchedTokensAsErrors = false };
        demoUsers.SetAction(result => DemoUsers(ForwardedArgs(result, null)));
        root.Subcommands.Add(demoUsers);

        var imageIn = new Argument<string>("EINGABE") { Description = "Foto (JPEG, PNG oder WebP)" };
        var imageOut = new Argument<string>("AUSGABE") { Description = "Datei für das bereinigte Foto" };
        var imageClean = new Command("image-clean", "Entfernt Metadaten (Ort, Zeit, Kamera) aus einem Foto; Exit 2 mit Begründung, wenn es abgelehnt wird.")
        {
            imageIn,
            imageOut,
        };
        imageClean.SetAction(result => ImageCleanCli.Run(result.GetValue(imageIn)!, result.GetValue(imageOut)!, Console.Out, Console.Error));
        root.Subcommands.Add(imageClean);

        var textCheck = new Command("text-check", "Prüft Freitexte (eine Notiz je Zeile von der Standardeingabe) auf besondere Kategorien personenbezogener Daten; eine JSON-Zeile je Notiz.");
        textCheck.SetAction(_ => TextCheckCli.Run(Console.In, Console.Out));
        root.Subcommands.Add(textCheck);

        var decode = new Command("decode", "Dekodiert Gerätedaten zur Diagnose.");
        var teltonikaHex = new Argument<string>("HEX") { Description = "Ein ganzes AVL-Paket (Codec 8 oder 8 Extended) als Hex, von der Präambel bis zur CRC" };
        var decodeTeltonika = new Command("teltonika", "Gibt ein Teltonika-AVL-Paket als JSON aus; Exit 2 mit Begründung, wenn es fehlerhaft ist.") { teltonikaHex };
        decodeTeltonika.SetAction(result => Glasklar.Telematics.Protocols.Teltonika.TeltonikaDecodeCli.Run(result.GetValue(teltonikaHex)!, Console.Out, Console.Error));
        decode.Subcommands.Add(decodeTeltonika);
        root.Subcommands.Add(decode);

        var osmFile = new Argument<string>("DATEI") { Description = "OpenStreetMap-XML (.osm oder .osm.gz)" };
        var importMap = new Command("import-map", "Baut aus OpenStreetMap-Daten den Straßenindex (Straßentyp, Tempolimit) für die Telematik.") { osmFile };
        importMap.TreatUnmatchedTokensAsErrors = false;
        importMap.SetAction(result =>
        {
            using var app = GlasklarWebApp.Build(ForwardedArgs(result, null));
            return Glasklar.Telematics.Map.MapImportCli.Run(result.GetValue(osmFile)!, app.Services, Console.Out, Console.Error);
        });
        root.Subcommands.Add(importMap);

        var simImei = new Option<string>("--imei") { Description = "IMEI einer aktiven Box (Standard: erste Demo-Box)", DefaultValueFactory = _ => "350000000000017" };
        var simHost = new Option<string>("--host") { Description = "Adresse des Teltonika-Empfangs", DefaultValueFactory = _ => "127.0.0.1" };
        var simPort = new Option<int>("--port") { Description = "Port des Teltonika-Empfangs", DefaultValueFactory = _ => 5027 };
        var simTrips = new Option<int>("--trips") { Description = "Anzahl der Fahrten", DefaultValueFactory = _ => 1 };
        var simulate = new Command("simulate", "Fährt mit einer Box Demo-Fahrten über das echte Teltonika-Protokoll (TCP) gegen ein laufendes Glasklar.") { simImei, simHost, simPort, simTrips };
        simulate.SetAction((result, ct) => Glasklar.Telematics.Demo.SimulatorCli.RunAsync(result.GetValue(simImei)!, result.GetValue(simHost)!, result.GetValue(simPort), result.GetValue(simTrips), Console.Out, Console.Error, ct));
        root.Subcommands.Add(simulate);

        var version = new Command("version", "Zeigt die Version.");
        version.SetAction(_ =>
        {
            Console.Out.WriteLine($"glasklar {Version}");
            return 0;
        });
        root.Subcommands.Add(version);

        // Exceptions must propagate: the test host stops Main with one once the app is built.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    public static string Version =>
        typeof(GlasklarCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    private static string[] ForwardedArgs(ParseResult result, Option<string?>? urls)
    {
        var forwarded = result.UnmatchedTokens.ToList();
        if (urls is not null && result.GetValue(urls) is { Length: > 0 } value)
        {
            forwarded.Add($"--urls={value}");
        }

        return [.. forwarded];
    }

    private static async Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        var app = GlasklarWebApp.Build(args);
        var check = GlasklarWebApp.CheckListenAddresses(app);
        if (!check.Allowed)
        {
            await Console.Error.WriteLineAsync(check.Problem);
            return 2;
        }

        await app.RunAsync(cancellationToken);
        return 0;
    }

    private static async Task<int> MigrateAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = GlasklarWebApp.Build(args);
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        await migrator.MigrateAsync(cancellationToken);
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        Console.Out.WriteLine($"Datenbank ({database.Provider}) ist auf dem neuesten Stand.");
        return 0;
    }

    private static async Task<int> RetentionRunAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = GlasklarWebApp.Build(args);
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var report = await app.Services.GetRequiredService<Glasklar.Platform.Retention.RetentionRunner>().RunAsync(cancellationToken);
        Console.Out.WriteLine($"{"Kategorie",-50} {"gelöscht",9} {"anonymisiert",13} {"gesperrt",9}");
        foreach (var outcome in report)
        {
            Console.Out.WriteLine($"{outcome.Category,-50} {outcome.Deleted,9} {outcome.Anonymised,13} {outcome.Blocked,9}");
        }

        return 0;
    }

    private static async Task<int> AuditVerifyAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = GlasklarWebApp.Build(args);
        await using var scope = app.Services.CreateAsyncScope();
        var verification = await scope.ServiceProvider.GetRequiredService<Glasklar.Platform.Audit.AuditLog>().VerifyAsync(cancellationToken);
        if (verification.Intact)
        {
            Console.Out.WriteLine($"Revisionsprotokoll intakt: {verification.EntriesChecked} Einträge geprüft.");
            return 0;
        }

        await Console.Error.WriteLineAsync(
            $"Revisionsprotokoll verändert: Eintrag {verification.BrokenAtSequence} ist der erste gebrochene ({verification.Reason}); davor {verification.EntriesChecked} Einträge intakt.");
        return 1;
    }

    private static int DemoUsers(string[] args)
    {
        using var app = GlasklarWebApp.Build(args);
        var accounts = app.Services.GetServices<IDemoAccountSource>().SelectMany(s => s.GetDemoAccounts()).ToList();
        var json = JsonSerializer.Serialize(accounts, new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        });
        Console.Out.WriteLine(json);
        return 0;
    }
}
