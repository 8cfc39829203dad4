using Glasklar.Privacy.TextGuard;

namespace Glasklar.Privacy.Tests.TextGuard;

/// <summary>Quality of the guard on the labelled development set (promise X3, used by A8 and A13).</summary>
public sealed class DevSetQualityTests
{
    private static readonly string[] Art9 = ["health", "ethnic_origin", "political_opinion", "religion", "trade_union", "sex_life", "genetic_biometric"];
    private static readonly string[] Warnings = ["iban", "email", "phone", "birth_date", "health_insurance_number", "id_card_number"];

    private readonly IReadOnlyList<LabelledNote> _notes = LabelledSet.Load();

    [Fact]
    [Trait("Promise", "X3")]
    public void The_set_is_large_enough_and_covers_every_category()
    {
        _notes.Count.ShouldBeGreaterThanOrEqualTo(300);
        _notes.Count(n => n.Special).ShouldBeGreaterThanOrEqualTo(150);
        _notes.Count(n => !n.Special).ShouldBeGreaterThanOrEqualTo(100);
        foreach (var category in Art9.Concat(Warnings))
        {
            _notes.Count(n => n.Categories.Contains(category)).ShouldBeGreaterThanOrEqualTo(3, category);
        }

        // The label "special" must agree with the categories, or the set contradicts itself.
        _notes.ShouldAllBe(n => n.Special == n.Categories.Any(c => Art9.Contains(c)));
    }

    [Fact]
    [Trait("Promise", "X3")]
    [Trait("Promise", "A8")]
    [Trait("Promise", "A13")]
    public void Special_category_detection_has_precision_and_recall_of_at_least_95_percent()
    {
        var guard = GermanTextGuard.Default;
        int tp = 0, fp = 0, fn = 0;
        var errors = new List<string>();
        foreach (var note in _notes)
        {
            var got = guard.Check(note.Text).Special;
            if (got && note.Special)
            {
                tp++;
            }
            else if (got)
            {
                fp++;
                errors.Add("false alarm: " + note.Text);
            }
            else if (note.Special)
            {
                fn++;
                errors.Add("missed: " + note.Text);
            }
        }

        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);
        precision.ShouldBeGreaterThanOrEqualTo(0.95, string.Join('\n', errors));
        recall.ShouldBeGreaterThanOrEqualTo(0.95, string.Join('\n', errors));
    }

    [Theory]
    [Trait("Promise", "X3")]
    [InlineData("health")]
    [InlineData("ethnic_origin")]
    [InlineData("political_opinion")]
    [InlineData("religion")]
    [InlineData("trade_union")]
    [InlineData("sex_life")]
    [InlineData("genetic_biometric")]
    [InlineData("iban")]
    [InlineData("email")]
    [InlineData("phone")]
    [InlineData("birth_date")]
    [InlineData("health_insurance_number")]
    [InlineData("id_card_number")]
    public void Each_category_is_detected_where_labelled_and_rarely_elsewhere(string category)
    {
        var guard = GermanTextGuard.Default;
        var labelled = _notes.Where(n => n.Categories.Contains(category)).ToList();
        var detected = _notes.Where(n => guard.Check(n.Text).Categories.Contains(category)).ToList();

        var hits = labelled.Count(detected.Contains);
        var recall = hits / (double)labelled.Count;
        var precision = detected.Count == 0 ? 0 : hits / (double)detected.Count;

        recall.ShouldBeGreaterThanOrEqualTo(0.9, string.Join('\n', labelled.Except(detected).Select(n => n.Text)));
        precision.ShouldBeGreaterThanOrEqualTo(0.9, string.Join('\n', detected.Except(labelled).Select(n => n.Text)));
    }

    [Fact]
    [Trait("Promise", "X3")]
    public void Every_finding_points_at_its_text()
    {
        var guard = GermanTextGuard.Default;
        foreach (var note in _notes)
        {
            var result = guard.Check(note.Text);
            result.Text.ShouldBe(note.Text);
            foreach (var f in result.Findings)
            {
                note.Text.Substring(f.Start, f.Length).ShouldBe(f.Match);
                result.Categories.ShouldContain(f.Category);
            }

            result.Special.ShouldBe(result.Categories.Any(c => Art9.Contains(c)));
        }
    }
}
