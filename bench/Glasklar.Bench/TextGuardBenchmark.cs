using System.Diagnostics;
using System.Text;
using Glasklar.Privacy.TextGuard;

namespace Glasklar.Bench;

/// <summary>
/// Single-threaded throughput of the special-category text guard (X3) on synthetic 200-character notes.
/// Usage: <c>dotnet run -c Release --project bench/Glasklar.Bench -- text-guard [seconds] [--stages]</c>.
/// </summary>
internal sealed class TextGuardBenchmark : IBenchmark
{
    // Fragments in the style of referral remarks, Postkorb tickets and claim notes; about a third sensitive.
    private static readonly string[] Fragments =
    [
        "Steinschlag im Sichtfeld des Fahrers, ca. 2 cm.", "Bitte Termin am Vormittag vereinbaren.",
        "Kunde ist schwerhörig, bitte laut klingeln.", "Fahrzeug steht in der Tiefgarage, Ebene 2.",
        "Rückruf unter 0171 2345678 erbeten.", "Frontscheibe mit Regensensor und Kamera, Kalibrierung nötig.",
        "Kundin sitzt im Rollstuhl.", "Kunde wohnt Am Krankenhaus 5, Hinterhaus.", "Rechnung für Physiotherapie anbei.",
        "Scheibe ist am Rand blind geworden.", "Versicherungsscheinnummer bitte korrigieren.",
        "Kunde ist Gewerkschaftsmitglied und arbeitet im Schichtdienst.", "Erstattung auf DE89 3704 0044 0532 0130 00.",
        "Die gegnerische Partei hat die Schuld anerkannt.", "Kunde möchte mobile Reparatur am Arbeitsplatz.",
        "Kunde ist nach Herzinfarkt noch geschwächt.", "Bitte Kopie der Rechnung an die Agentur.",
    ];

    public string Name => "text-guard";

    public string Description => "special-category text guard: notes/s and MB/s on one core";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 5;
        var notes = MakeNotes(2_000, 200);
        var guard = GermanTextGuard.Default;

        // Warm-up: lexicon load and JIT are one-off costs, not throughput.
        foreach (var note in notes)
        {
            guard.Check(note);
        }

        if (args.Contains("--stages"))
        {
            PrintStages(notes, seconds / 3);
        }

        long count = 0, bytes = 0, findings = 0;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds && !cancellationToken.IsCancellationRequested)
        {
            foreach (var note in notes)
            {
                findings += guard.Check(note).Findings.Count;
                bytes += Encoding.UTF8.GetByteCount(note);
            }

            count += notes.Length;
        }

        sw.Stop();
        var elapsed = sw.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        Console.WriteLine($"text-guard: {count:N0} notes of ~200 chars in {elapsed:F2} s on one thread ({findings:N0} findings)");
        Console.WriteLine($"  wall clock: {count / elapsed:N0} notes/s, {bytes / elapsed / 1_000_000:F2} MB/s (UTF-8)");

        // On a shared machine the wall clock includes time the thread waited for a core; CPU time does not.
        Console.WriteLine($"  per CPU second: {count / cpu:N0} notes/s, {bytes / cpu / 1_000_000:F2} MB/s (process CPU time {cpu:F2} s)");
        return Task.FromResult(0);
    }

    /// <summary>CPU cost of each stage, to see where time goes (tokeniser, lexicon, patterns).</summary>
    private static void PrintStages(string[] notes, double seconds)
    {
        var lexicon = Lexicon.Default;
        var matcher = new LexiconMatcher(lexicon);
        var raw = new List<RawFinding>();
        Measure("tokenise", notes, seconds, n => _ = new TokenizedText(n));
        Measure("tokenise+lexicon", notes, seconds, n =>
        {
            raw.Clear();
            matcher.Match(new TokenizedText(n), raw);
        });
        Measure("patterns", notes, seconds, n =>
        {
            raw.Clear();
            PatternDetectors.Detect(n, lexicon, raw);
        });
    }

    private static void Measure(string stage, string[] notes, double seconds, Action<string> action)
    {
        long count = 0;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            foreach (var note in notes)
            {
                action(note);
            }

            count += notes.Length;
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        Console.WriteLine($"  stage {stage,-18} {count / cpu,12:N0} notes per CPU second");
    }

    private static string[] MakeNotes(int count, int length)
    {
        var random = new Random(42);
        var notes = new string[count];
        var sb = new StringBuilder(length + 64);
        for (var i = 0; i < count; i++)
        {
            sb.Clear();
            while (sb.Length < length)
            {
                sb.Append(Fragments[random.Next(Fragments.Length)]).Append(' ');
            }

            notes[i] = sb.ToString(0, length);
        }

        return notes;
    }
}
