#!/usr/bin/env bash
# Runs the whole Glasklar test suite and ends with one line: "N passed, N failed, N skipped".
# Integration tests run on SQLite always, and on PostgreSQL too when GLASKLAR_TEST_POSTGRES holds a
# connection string (CI sets it; see .ci/run and scripts/pg-cluster.sh). Exit code non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
results=TestResults
rm -rf "$results"
mkdir -p "$results"

if [ -n "${GLASKLAR_TEST_POSTGRES:-}" ]; then
  echo "Datenbanken unter Test: SQLite und PostgreSQL (GLASKLAR_TEST_POSTGRES gesetzt)"
else
  echo "Datenbanken unter Test: nur SQLite (GLASKLAR_TEST_POSTGRES nicht gesetzt – PostgreSQL-Läufe werden übersprungen)"
fi

# axe-core for the accessibility checks of the browser tests (npm registry; lock file committed).
if [ ! -f tests/Glasklar.Browser.Tests/node_modules/axe-core/axe.min.js ]; then
  (cd tests/Glasklar.Browser.Tests && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

if ! dotnet build glasklar.slnx -c Release -nologo -clp:ErrorsOnly -warnaserror; then
  echo "Build fehlgeschlagen."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# One results directory per test project (TRX names are only unique to the second). The projects run in
# parallel, except the browser tests, which run afterwards: Chromium on a loaded 2-core machine times out.
projects=(tests/*.Tests)
run_project() {
  local name
  name=$(basename "$1")
  dotnet test "$1" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=minimal" --results-directory "$results/$name" > "$results-$name.log" 2>&1
}
pids=()
for project in "${projects[@]}"; do
  [[ "$project" == *Browser.Tests ]] && continue
  run_project "$project" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
for project in "${projects[@]}"; do
  [[ "$project" == *Browser.Tests ]] || continue
  run_project "$project" || status=1
done
for project in "${projects[@]}"; do
  name=$(basename "$project")
  cat "$results-$name.log"; rm -f "$results-$name.log"
done

passed=0; failed=0; skipped=0; total=0; files=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files+1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error)
  total=$((total+${t:-0})); passed=$((passed+${p:-0})); failed=$((failed+${f:-0}+${e:-0}))
done
skipped=$((total-passed-failed))

if [ -n "${GLASKLAR_TEST_POSTGRES:-}" ] && [ "$files" -gt 0 ]; then
  pg=$(grep -ho '<UnitTestResult [^>]*testName="[^"]*Postgres[^"]*"[^>]*outcome="Passed"' "$results"/*/*.trx | wc -l)
  echo "PostgreSQL: $pg Tests bestanden"
fi
sq=$(grep -ho '<UnitTestResult [^>]*testName="[^"]*Sqlite[^"]*"[^>]*outcome="Passed"' "$results"/*/*.trx 2>/dev/null | wc -l)
echo "SQLite: $sq Tests bestanden; Testprojekte mit Ergebnis: $files"

if [ "$files" -lt "${#projects[@]}" ]; then
  echo "Nicht alle Testprojekte haben Ergebnisse geliefert ($files von ${#projects[@]})."
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  exit 1
fi
exit 0
