// Glasklar – Vermittlung: consent gating of optional fields (A6) and the live text-guard hint (A8, A13).
// Self-written, no dependencies. Without JavaScript the forms still work: the server refuses what this prevents.
(function () {
  "use strict";

  function gate(form) {
    var consent = form.querySelector("[data-consent]");
    if (!consent) { return; }
    var fields = form.querySelectorAll("[data-kind=optional]");
    var note = form.querySelector("[data-consent-note]");
    function apply() {
      for (var i = 0; i < fields.length; i++) {
        fields[i].disabled = !consent.checked;
      }
      if (note) { note.hidden = consent.checked; }
    }
    consent.addEventListener("change", apply);
    apply();
  }

  var categoryNames = {
    health: "Gesundheit", ethnic_origin: "ethnische Herkunft", political_opinion: "politische Meinung",
    religion: "Religion oder Weltanschauung", trade_union: "Gewerkschaftszugehörigkeit", sex_life: "Sexualleben",
    genetic_biometric: "genetische oder biometrische Daten", iban: "Bankverbindung (IBAN)", email: "E-Mail-Adresse",
    phone: "Telefonnummer", birth_date: "Geburtsdatum", health_insurance_number: "Krankenversichertennummer",
    id_card_number: "Ausweisnummer"
  };

  function guard(field) {
    var hint = document.getElementById(field.getAttribute("data-textguard"));
    if (!hint) { return; }
    var timer = null;
    var counter = field.getAttribute("maxlength");
    function show(result) {
      hint.textContent = "";
      hint.className = "textguard-hint";
      if (!result || !result.categories || result.categories.length === 0) { return; }
      var names = result.categories.map(function (c) { return categoryNames[c] || c; }).join(", ");
      var p = document.createElement("p");
      if (result.special) {
        hint.className = "textguard-hint textguard-special";
        p.textContent = "Achtung: Angaben zu " + names + " sind besondere Kategorien personenbezogener Daten (Art. 9 DSGVO) und werden nicht gespeichert.";
      } else {
        hint.className = "textguard-hint textguard-warning";
        p.textContent = "Hinweis: Der Text enthält vermutlich " + names + ". Diese Angabe ist meist nicht nötig.";
      }
      hint.appendChild(p);
      if (result.suggestion) {
        var s = document.createElement("p");
        s.textContent = "Neutral formuliert, z. B.: „" + result.suggestion + "“";
        hint.appendChild(s);
      }
    }
    function check() {
      var text = field.value;
      if (text.trim().length === 0) { show(null); return; }
      fetch("/api/v1/privacy/text-check", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ text: text })
      }).then(function (r) { return r.ok ? r.json() : null; }).then(show).catch(function () { show(null); });
    }
    field.addEventListener("input", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(check, 300);
    });
    if (counter) { field.setAttribute("aria-describedby", (field.getAttribute("aria-describedby") || "") + " " + hint.id); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-referral-form]");
    for (var i = 0; i < forms.length; i++) { gate(forms[i]); }
    var guarded = document.querySelectorAll("[data-textguard]");
    for (var j = 0; j < guarded.length; j++) { guard(guarded[j]); }
  });
})();
