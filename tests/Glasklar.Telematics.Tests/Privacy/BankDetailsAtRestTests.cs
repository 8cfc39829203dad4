using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Privacy;
using Glasklar.Telematics.Tests.Persistence;
using Glasklar.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Telematics.Tests.Privacy;

/// <summary>The contract's IBAN (base data, C1) is stored only encrypted, checked on entry, and still in the access report.</summary>
public abstract class BankDetailsAtRestTests(string provider)
{
    private const string Iban = "DE89 3704 0044 0532 0130 00";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TelematicsContract Contract(string number) => new()
    {
        OrganisationId = Guid.NewGuid(),
        ContractNumber = number,
        FirstName = "Erika",
        LastName = "Beispiel",
        MotorPolicyNumber = "KV-" + number,
        StartsOn = new DateOnly(2026, 1, 1),
    };

    [Fact]
    [Trait("Promise", "C1")]
    public async Task The_iban_is_stored_encrypted_and_the_access_report_shows_it_in_plain()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await TelematicsServices.MigratedAsync(database);
        var contract = Contract("TV-IBAN-1");
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            (await scope.ServiceProvider.GetRequiredService<ContractService>().CreateAsync(contract, Iban, Ct)).Succeeded.ShouldBeTrue();
        }

        await using (var connection = TelematicsServices.RawConnection(database))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"IbanProtected\" FROM {TelematicsServices.Table(database, "telematics_contracts")}";
            var stored = (string)(await command.ExecuteScalarAsync(Ct))!;
            stored.ShouldNotBeNullOrWhiteSpace();
            stored.ShouldNotContain("DE89");
            stored.ShouldNotContain("0532013000");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var source = scope.ServiceProvider.GetServices<IPersonalDataSource>().OfType<TelematicsPersonalData>().Single();
            var data = new List<PersonalDatum>();
            await foreach (var datum in source.CollectAsync(new DataSubject(Surname: "Beispiel", PolicyNumber: "KV-TV-IBAN-1"), Ct))
            {
                data.Add(datum);
            }

            data.ShouldContain(d => d.Field == "IBAN" && d.Value == "DE89370400440532013000");
        }
    }

    [Fact]
    [Trait("Promise", "C1")]
    public async Task An_invalid_iban_is_refused_in_german_and_nothing_is_stored()
    {
        await using var database = await Providers.CreateDatabaseAsync(provider);
        await using var services = await TelematicsServices.MigratedAsync(database);
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<DbSession>().Tenant = TenantScope.AllTenants("Test");
            var result = await scope.ServiceProvider.GetRequiredService<ContractService>().CreateAsync(Contract("TV-IBAN-2"), "DE89 3704 0044 0532 0130 01", Ct);
            result.Succeeded.ShouldBeFalse();
            result.Field.ShouldBe("iban");
            result.Problem!.ShouldContain("IBAN ist ungültig");
        }

        (await TelematicsServices.CountAsync(database, $"SELECT count(*) FROM {TelematicsServices.Table(database, "telematics_contracts")}")).ShouldBe(0);
    }
}

public sealed class BankDetailsAtRestTestsSqlite() : BankDetailsAtRestTests(Providers.Sqlite);

public sealed class BankDetailsAtRestTestsPostgres() : BankDetailsAtRestTests(Providers.Postgres);

/// <summary>The IBAN check on entry (country, length, mod-97 check digits).</summary>
public sealed class IbanFormatTests
{
    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("gb82west12345698765432", "GB82WEST12345698765432")]
    [InlineData("DE89 3704 0044 0532 0130 0", null)]
    [InlineData("DE00 3704 0044 0532 0130 00", null)]
    [InlineData("1234567890123456", null)]
    public void Iban_check_digits_are_verified(string input, string? expected)
    {
        IbanFormat.Normalise(input).ShouldBe(expected);
    }
}
