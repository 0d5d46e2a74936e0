#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the calendar "redress-cli deadlines --ics" writes with an
# independent iCalendar parser (Debian's python3-icalendar), in English and
# in French: every event all-day on the day to file by, ending the next
# day, with reminders a week and a day before, the file number and not the
# name, and the same UIDs from one export to the next.  Skipped (77) when
# the module is not installed.
#
# Usage: check-ical.py REDRESS_CLI

import datetime
import json
import os
import subprocess
import sys
import tempfile

try:
    import icalendar
except ImportError:
    print("SKIP: python3-icalendar is not installed")
    sys.exit(77)

cli = sys.argv[1]
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


def run(database, *args, language="C"):
    env = dict(os.environ, LANGUAGE=language)
    result = subprocess.run([cli, "--database", database, *args], env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout, result.stderr)
        raise SystemExit("redress-cli %s failed" % " ".join(args))
    return result.stdout


def events_of(path):
    with open(path, "rb") as f:
        data = f.read()
    check(data.endswith(b"\r\n"), "%s ends with CRLF" % path)
    check(all(len(line) <= 75 for line in data.split(b"\r\n")),
          "%s: no line over 75 octets" % path)
    calendar = icalendar.Calendar.from_ical(data)
    check(str(calendar.get("VERSION")) == "2.0", "VERSION 2.0")
    check(calendar.get("PRODID") is not None, "PRODID")
    return data.decode("utf-8"), [c for c in calendar.walk("VEVENT")]


with tempfile.TemporaryDirectory() as folder:
    database = os.path.join(folder, "redress.db")
    run(database, "demo")
    listed = json.loads(run(database, "deadlines", "--json"))["deadlines"]
    names = {d["client_name"].split(",")[0] for d in listed}
    check(len(listed) > 0, "the demo has deadlines")

    first = os.path.join(folder, "first.ics")
    again = os.path.join(folder, "again.ics")
    named = os.path.join(folder, "named.ics")
    french = os.path.join(folder, "french.ics")
    run(database, "deadlines", "--ics", first)
    run(database, "deadlines", "--ics", again)
    run(database, "deadlines", "--ics", named, "--with-names")
    run(database, "deadlines", "--ics", french, language="fr")

    text, events = events_of(first)
    check(len(events) == len(listed), "one event per deadline")
    by_uid = {}
    for event, deadline in zip(events, listed):
        uid = str(event.get("UID"))
        check(uid not in by_uid, "UID %s is unique" % uid)
        by_uid[uid] = event
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        check(type(start) is datetime.date, "DTSTART is a date, not a date-time")
        check(end - start == datetime.timedelta(days=1), "DTEND is the next day")
        check(start.isoformat() == deadline["due"], "the event is on the day to file by")
        check(isinstance(event.decoded("DTSTAMP"), datetime.datetime), "DTSTAMP")
        summary = str(event.get("SUMMARY"))
        description = str(event.get("DESCRIPTION"))
        check(deadline["label"] in summary, "the summary says what falls due")
        check("Basis: " in description, "the description gives the basis")
        check("Case %d: " % deadline["case"] in description, "the description names the case")
        alarms = event.walk("VALARM")
        triggers = sorted(a.decoded("TRIGGER") for a in alarms)
        check(triggers == [datetime.timedelta(days=-7), datetime.timedelta(days=-1)],
              "reminders a week and a day before")
        for alarm in alarms:
            check(str(alarm.get("ACTION")) == "DISPLAY", "a DISPLAY alarm")
            check(str(alarm.get("DESCRIPTION", "")) != "", "the alarm says something")
    for name in names:
        check(name not in text, "%s is not named without --with-names" % name)

    _, events_again = events_of(again)
    check([str(e.get("UID")) for e in events_again] == list(by_uid),
          "a new export keeps the UIDs")

    text_named, events_named = events_of(named)
    check([str(e.get("UID")) for e in events_named] == list(by_uid),
          "--with-names keeps the UIDs")
    for name in names:
        check(name in text_named, "%s is named with --with-names" % name)

    text_french, events_french = events_of(french)
    check([str(e.get("UID")) for e in events_french] == list(by_uid),
          "the language keeps the UIDs")
    check(any("é" in str(e.get("DESCRIPTION")) for e in events_french),
          "French accents read back whole")
    check(any(str(f.get("SUMMARY")) != str(e.get("SUMMARY"))
              for e, f in zip(events, events_french)),
          "the French calendar is in French")

print("%d failed" % len(failures))
sys.exit(1 if failures else 0)
