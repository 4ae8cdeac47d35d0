#!/usr/bin/env python3
"""The baseline for `diplomat city list`: what an analyst would otherwise write.

Reads every cities/*.yaml (and *.yml) of a workspace with PyYAML's C loader (CSafeLoader) and
prints one row per city with the values `diplomat city list` shows: slug, name, country, status,
signed, readiness (met of the built-in checklist's 11 items), active facilitators, last contact,
open and overdue actions. `DIPLOMAT_TODAY` (YYYY-MM-DD) fixes today, as for diplomat.

    python3 scripts/baseline_city_list.py WORKSPACE
"""

import datetime
import glob
import os
import sys

import yaml

LOADER = yaml.CSafeLoader  # the C loader; fails loudly when libyaml is missing
REQUIREMENTS = (
    "communication",
    "international_environment",
    "diplomatic_support",
    "investment_readiness",
    "branding",
    "international_capacity",
)
OPEN = {"open", "in-progress", "blocked"}
STALE_AFTER_DAYS = 90
MIN_FACILITATORS = 2


def as_date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def row(doc, today):
    facilitators = doc.get("facilitators") or []
    actions = doc.get("actions") or []
    interactions = doc.get("interactions") or []
    readiness = doc.get("readiness") or {}
    reps = doc.get("representatives") or {}

    active = sum(1 for f in facilitators if f.get("status") == "active")
    dates = [as_date(i.get("date")) for i in interactions]
    past = [d for d in dates if d is not None and d <= today]
    last = max(past) if past else None
    open_actions = [a for a in actions if a.get("status") in OPEN]
    overdue = [
        a for a in open_actions if a.get("due") is not None and as_date(a["due"]) < today
    ]

    met = sum(
        1 for r in REQUIREMENTS if (readiness.get(r) or {}).get("status") == "met"
    )
    met += active >= MIN_FACILITATORS
    met += bool(reps.get("municipality")) and bool(reps.get("chamber"))
    met += last is not None and (today - last).days <= STALE_AFTER_DAYS
    met += not overdue
    met += bool(open_actions)

    relationship = doc.get("relationship") or {}
    return [
        doc.get("slug", ""),
        (doc.get("name") or {}).get("en", ""),
        doc.get("country", ""),
        relationship.get("status", ""),
        str(relationship.get("signed", "") or ""),
        f"{met}/{len(REQUIREMENTS) + 5}",
        str(active),
        str(last or ""),
        str(len(open_actions)),
        str(len(overdue)),
    ]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    env_today = os.environ.get("DIPLOMAT_TODAY")
    today = datetime.date.fromisoformat(env_today) if env_today else datetime.date.today()
    paths = sorted(
        glob.glob(os.path.join(root, "cities", "*.yaml"))
        + glob.glob(os.path.join(root, "cities", "*.yml"))
    )
    rows = []
    for path in paths:
        with open(path, "rb") as f:
            doc = yaml.load(f, Loader=LOADER)
        if isinstance(doc, dict):
            rows.append(row(doc, today))
    rows.sort(key=lambda r: r[0])
    out = sys.stdout
    out.write(
        "slug\tname\tcountry\tstatus\tsigned\treadiness\tfacilitators\tlast contact\topen\toverdue\n"
    )
    for r in rows:
        out.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
