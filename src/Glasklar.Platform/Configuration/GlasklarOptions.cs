namespace Glasklar.Platform.Configuration;

/// <summary>Settings under the <c>Glasklar</c> configuration section.</summary>
public sealed class GlasklarOptions
{
    public const string Section = "Glasklar";

    /// <summary>Where the SQLite file, data-protection keys, mail pickup and uploads live.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Seed demo organisations and accounts. Null means: on with SQLite, off with PostgreSQL.</summary>
    public bool? Demo { get; set; }

    /// <summary>Plain HTTP on a non-loopback address is allowed only behind a TLS-terminating proxy (B9).</summary>
    public bool BehindTlsProxy { get; set; }

    /// <summary>Proxies whose X-Forwarded-* headers are honoured; none by default.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The address people reach Glasklar at (e.g. https://portal.example.de), used for links in e-mails.</summary>
    public string? PublicUrl { get; set; }

    public OperatorInfo Operator { get; set; } = new();

    /// <summary>Datenschutzbeauftragte(r): shown on the data-protection page and on forms (A15).</summary>
    public DataProtectionOfficerInfo DataProtectionOfficer { get; set; } = new();

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

/// <summary>The company that runs this Glasklar installation (imprint data). Brand-neutral defaults.</summary>
public sealed class OperatorInfo
{
    public string Name { get; set; } = "Glasklar-Betreiber (bitte konfigurieren)";

    public string Address { get; set; } = "Musterstraße 1, 12345 Musterstadt";

    public string Email { get; set; } = "kontakt@example.org";

    public string Phone { get; set; } = "+49 30 0000000";

    public string Representative { get; set; } = "";

    public string Register { get; set; } = "";

    public string VatId { get; set; } = "";

    /// <summary>Name shown in authenticator apps next to the account.</summary>
    public string TotpIssuer { get; set; } = "Glasklar";
}

public sealed class DataProtectionOfficerInfo
{
    public string Name { get; set; } = "Datenschutzbeauftragte(r) des Betreibers";

    public string Address { get; set; } = "";

    public string Email { get; set; } = "datenschutz@example.org";

    public string Phone { get; set; } = "";
}
