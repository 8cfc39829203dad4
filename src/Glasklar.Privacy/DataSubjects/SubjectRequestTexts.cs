namespace Glasklar.Privacy.DataSubjects;

/// <summary>German names of request kinds and states for pages, reports and the queue.</summary>
public static class SubjectRequestTexts
{
    public static string Kind(SubjectRequestKind kind) => kind switch
    {
        SubjectRequestKind.Access => "Auskunft (Art. 15 DSGVO)",
        SubjectRequestKind.Erasure => "Löschung (Art. 17 DSGVO)",
        SubjectRequestKind.Restriction => "Einschränkung der Verarbeitung (Art. 18 DSGVO)",
        SubjectRequestKind.Rectification => "Berichtigung (Art. 16 DSGVO)",
        SubjectRequestKind.Objection => "Widerspruch (Art. 21 DSGVO)",
        _ => kind.ToString(),
    };

    public static string State(SubjectRequestState state) => state switch
    {
        SubjectRequestState.Received => "eingegangen",
        SubjectRequestState.InProgress => "in Bearbeitung",
        SubjectRequestState.Completed => "erledigt",
        SubjectRequestState.Rejected => "abgelehnt",
        _ => state.ToString(),
    };
}
