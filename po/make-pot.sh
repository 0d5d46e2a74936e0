#!/bin/sh
# Extracts every translatable string of Redress into a template: the files
# listed in po/POTFILES.in, the checklist's templates included (their
# "text" keys).  The same as `ninja -C build redress-pot` (po/meson.build),
# without writing into the source tree.  Used by
# tests/data/check-translation.sh; translators update a language with
#   ninja -C build redress-pot redress-update-po
# or:
#   sh po/make-pot.sh /tmp/redress.pot && msgmerge -U po/fr.po /tmp/redress.pot
# usage (from the source root): make-pot.sh OUTPUT
set -eu
out=$1
xgettext --files-from=po/POTFILES.in --directory=. --from-code=UTF-8 \
  --add-comments=Translators --package-name=redress -o "$out" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_printerr:1:c-format --flag=g_print:1:c-format --keyword=text
