// Glasklar – Kundenportal Telematik. Served by Glasklar itself (no third party); CSP allows no inline script.
(function () {
  "use strict";

  // Export job: poll the job's own status JSON and update the progress bar until the file is ready.
  var job = document.querySelector("[data-export-status]");
  if (job) {
    var bar = job.querySelector("progress");
    var text = job.querySelector("[data-export-text]");
    var download = job.querySelector("[data-export-download]");
    var poll = function () {
      fetch(job.getAttribute("data-export-status"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (s) {
          bar.value = s.percent;
          bar.textContent = s.percent + " %";
          text.textContent = s.text;
          job.setAttribute("data-state", s.status);
          if (s.status === "fertig") {
            download.hidden = false;
          } else if (s.status !== "fehlgeschlagen") {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { text.textContent = "Der Stand konnte nicht abgerufen werden. Bitte laden Sie die Seite neu."; });
    };
    // Always ask once: the page may be older than the job's state.
    window.setTimeout(poll, 300);
  }

  // Zone form: a click on the map sets the centre of a circle (or adds a corner of a polygon).
  var map = document.querySelector("[data-zone-map] svg.tk-karte");
  if (map) {
    map.addEventListener("click", function (e) {
      var b = map.getAttribute("data-bounds").split(",").map(Number);
      var box = map.getBoundingClientRect();
      var lat = b[2] - (e.clientY - box.top) / box.height * (b[2] - b[0]);
      var lon = b[1] + (e.clientX - box.left) / box.width * (b[3] - b[1]);
      var shape = document.querySelector("input[name=shape]:checked");
      if (shape && shape.value === "polygon") {
        var corners = document.getElementById("zone-polygon");
        corners.value = (corners.value ? corners.value.replace(/\s+$/, "") + "\n" : "") + lat.toFixed(6) + ", " + lon.toFixed(6);
      } else {
        document.getElementById("zone-lat").value = lat.toFixed(6).replace(".", ",");
        document.getElementById("zone-lon").value = lon.toFixed(6).replace(".", ",");
      }
    });
  }
})();
