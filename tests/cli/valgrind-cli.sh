#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A consultant's session with redress-cli, each command under valgrind:
# import, search, detect, grounds, the checklist PDF, backup and restore.
# Any invalid read or write, use of an uninitialised value or definite leak
# fails the test.  The PDF worker is a child process and is not traced (the
# sanitizer runs cover it).  Skipped (77) without valgrind.
#
# usage: valgrind-cli.sh REDRESS_CLI
set -eu

cli=$1
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed"; exit 77; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/redress.db"

# A one-page refusal letter, written by hand (PDF 1.4, Helvetica, correct
# cross-reference table)
python3 - "$dir/letter.pdf" <<'EOF'
import sys
lines = [
    "Immigration, Refugees and Citizenship Canada",
    "Dear applicant,",
    "I have reviewed your application for a temporary resident visa.",
    "After careful review, I have refused your application.",
    "I am not satisfied that you will leave Canada at the end of your stay,",
    "as stipulated in paragraph 179(b) of the IRPR, based on:",
    "- your family ties in Canada and in your country of residence;",
    "- your personal assets and financial status.",
]
text = "BT /F1 11 Tf 72 720 Td 14 TL\n"
for line in lines:
    text += "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '\n"
text += "ET\n"
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
    b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Length %d >>\nstream\n" % len(text) + text.encode() + b"endstream",
]
out = bytearray(b"%PDF-1.4\n")
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for offset in offsets:
    out += b"%010d 00000 n \n" % offset
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(sys.argv[1], "wb").write(out)
EOF

export GSETTINGS_BACKEND=memory
export G_SLICE=always-malloc
unset G_DEBUG || true

run () {  # ARGS... ; prints the command's standard output
  n=$(ls "$dir" | grep -c '^valgrind-' || true)
  n=$((n + 1))
  if ! valgrind --quiet --error-exitcode=99 --leak-check=full \
         --errors-for-leak-kinds=definite --show-leak-kinds=definite \
         --suppressions="$(dirname "$0")/valgrind.supp" --num-callers=30 \
         --log-file="$dir/valgrind-$n.log" \
         "$cli" --database "$db" "$@" >"$dir/out" 2>"$dir/err"; then
    echo "not clean or failed: redress-cli $*" >&2
    cat "$dir/err" "$dir/valgrind-$n.log" >&2
    exit 1
  fi
  # Its reports are the lines "==PID== ..."; "--PID--" lines are its own
  # notes (valgrind 3.19 does not know the pidfd_open call GLib makes)
  if grep -q '^==' "$dir/valgrind-$n.log"; then
    echo "valgrind reported on: redress-cli $*" >&2
    cat "$dir/valgrind-$n.log" >&2
    exit 1
  fi
  echo "clean: redress-cli $*" >&2
  cat "$dir/out"
}

client=$(run client add --family-name Okafor --given-names Adaeze | tail -n 1)
case_id=$(run case add --client "$client" --application visitor-visa --decision-date 2026-11-20 | tail -n 1)
document=$(run import --case "$case_id" --kind refusal-letter "$dir/letter.pdf" | tail -n 1)
run documents --case "$case_id" --json >/dev/null
run search "family ties" | grep -q . || { echo "search found nothing"; exit 1; }
run detect "$dir/letter.pdf" --json | grep -q finances || { echo "detect found no finances ground"; exit 1; }
run grounds --case "$case_id" --confirm family-ties,finances >/dev/null
run checklist --case "$case_id" --path new-application --pdf "$dir/checklist.pdf" >/dev/null
head -c 5 "$dir/checklist.pdf" | grep -q '%PDF-' || { echo "no checklist PDF"; exit 1; }
run backup "$dir/backup.db" >/dev/null
run client delete "$client" >/dev/null
run restore "$dir/backup.db" >/dev/null
run document export "$document" "$dir/copy.pdf" >/dev/null
cmp -s "$dir/letter.pdf" "$dir/copy.pdf" || { echo "the restored document differs"; exit 1; }
echo "$(ls "$dir"/valgrind-*.log | wc -l) commands ran clean under valgrind"
