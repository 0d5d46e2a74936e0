#!/usr/bin/env python3
"""Counts test results from meson's testlog.json files.

A test that speaks TAP counts each of its subtests; any other test counts
once.  Prints the failures, then the summary line "N passed, N failed,
N skipped" last, and exits non-zero if anything failed or nothing ran.
"""
import json
import re
import sys

passed = failed = skipped = 0
failures = []

for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        failures.append(f"{path}: no test log (the build failed?)")
        continue
    for line in lines:
        test = json.loads(line)
        name = f"{path.split('/')[0]}: {test['name']}"
        result = test["result"]
        tap = [l for l in (test.get("stdout") or "").splitlines()
               if re.match(r"^(not )?ok \d+", l)]
        if tap and result not in ("TIMEOUT",):
            for l in tap:
                if l.startswith("not ok"):
                    if re.search(r"#\s*TODO", l, re.I):
                        continue
                    failed += 1
                    failures.append(f"{name}: {l}")
                elif re.search(r"#\s*SKIP", l, re.I):
                    skipped += 1
                else:
                    passed += 1
            if result in ("FAIL", "ERROR") and not any(l.startswith("not ok") for l in tap):
                failed += 1
                failures.append(f"{name}: {result} (exit {test.get('returncode')})")
        elif result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            failures.append(f"{name}: {result}")

for f in failures:
    print("FAILED", f)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
