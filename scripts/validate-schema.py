#!/usr/bin/env python3
"""Validates dialplan files against Dialplans/schema.json, as an editor would.

Usage: scripts/validate-schema.py PLAN.yaml...   Prints one line per problem; exit 1 if any.
Dates and times are read as text, as the controller reads them.
"""
import json
import pathlib
import sys

import jsonschema
import yaml


class TextDates(yaml.SafeLoader):
    pass


TextDates.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

schema = json.loads((pathlib.Path(__file__).parent.parent / "Dialplans" / "schema.json").read_text())
validator = jsonschema.Draft7Validator(schema)
failed = False
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as file:
        document = yaml.load(file, Loader=TextDates)
    for error in validator.iter_errors(document):
        failed = True
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        print(f"{name}: {where}: {error.message[:200]}")
sys.exit(1 if failed else 0)
