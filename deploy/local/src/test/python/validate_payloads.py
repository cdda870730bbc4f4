"""Validates delivered payloads against the onboarding kit's payload schemas with Python's jsonschema (JSON Schema
2020-12, formats checked), a validator Fill Once did not write. Usage: python3 validate_payloads.py <cases.json>,
the file a JSON array of {"about", "schema", "payload"}; prints one JSON line per case, {"about", "errors": [...]}
(empty when the payload is valid). Exit 0 once every case was validated, whatever the outcome."""
import json
import sys

from jsonschema import Draft202012Validator


def main(path):
    with open(path, encoding="utf-8") as cases:
        for case in json.load(cases):
            schema = case["schema"]
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            errors = ["%s: %s" % ("/".join(str(p) for p in error.absolute_path), error.message)
                      for error in validator.iter_errors(case["payload"])]
            print(json.dumps({"about": case["about"], "errors": errors}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
