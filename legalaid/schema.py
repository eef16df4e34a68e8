"""JSON Schema validation of YAML data, reported as findings with file, line and field."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

from .findings import Finding
from .yamlfile import YamlDoc, load_yaml

if TYPE_CHECKING:  # jsonschema is imported only when a file fails the quick check
    import jsonschema

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """Load ``schemas/<name>.schema.json`` once per process."""
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8"))
    return schema


@functools.cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    """A ready validator for ``schemas/<name>.schema.json``, built once per process."""
    import jsonschema

    return jsonschema.Draft202012Validator(
        load_schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@functools.cache
def quick_check(name: str) -> Any:
    """A compiled validator that only says valid or not, 15x faster than ``jsonschema``.

    Most files are valid: they pass this check alone. Only a failing file is validated again
    with ``jsonschema``, which reports every problem with its place.
    """
    schema = {**load_schema(name), "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(schema)


def jsonable(value: Any) -> Any:
    """Turn YAML values into what JSON Schema expects (dates become ISO strings)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _field(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path) or "(top level)"


def _describe(error: jsonschema.ValidationError) -> tuple[str, str]:
    """Say what is wrong and how to fix it, in words a contributor understands."""
    kind = error.validator
    where = _field(tuple(error.absolute_path))
    if kind == "required":
        missing = str(error.message).split("'")[1]
        name = f"{where}.{missing}" if error.absolute_path else missing
        return f"missing field '{name}'", f"add '{missing}:' to {where}"
    if kind == "additionalProperties":
        return f"{where}: {error.message}", "remove the field or check its spelling"
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"field '{where}' has value {error.instance!r}", f"use one of: {allowed}"
    if kind == "type":
        return (f"field '{where}' should be of type {error.validator_value}, "
                f"not {error.instance!r}", "correct the value's form")
    if kind == "pattern":
        desc = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
        return (f"field '{where}' has value {error.instance!r}, which is not of the expected form",
                desc or f"it must match {error.validator_value}")
    if kind == "propertyNames":
        return f"key {error.instance!r} is not of the expected form", \
            "use lowercase ASCII letters, digits and hyphens"
    if kind == "minLength":
        if error.validator_value <= 1:
            return f"field '{where}' is empty", "fill it in or remove it"
        return (f"field '{where}' is too short ({error.instance!r})",
                f"give at least {error.validator_value} characters")
    return f"field '{where}': {error.message}", "correct the value"


def validate(doc: YamlDoc, schema_name: str) -> list[Finding]:
    """Validate ``doc.data`` against a schema; one finding per problem, located at its field."""
    data = jsonable(doc.data)
    try:
        quick_check(schema_name)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    findings = []
    errors = validator(schema_name).iter_errors(data)
    for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        if error.validator == "propertyNames":
            key: tuple[Any, ...] = (*error.absolute_path, error.instance)
        else:
            key = tuple(error.absolute_path)
        message, fix = _describe(error)
        findings.append(doc.finding(key, message, fix, f"schema.{error.validator}"))
    return findings


def load_checked(root: Path, rel: str, schema_name: str) -> tuple[YamlDoc, list[Finding]]:
    """Read ``root/rel`` and validate it against a schema; a missing file is a finding too."""
    file = root / rel
    if not file.exists():
        return YamlDoc(rel), [Finding(rel, 0, 1, "error", "the file is missing",
                                      f"create {rel}", "file.missing")]
    doc = load_yaml(file, rel)
    findings = list(doc.findings)
    if doc.data is not None:
        findings += validate(doc, schema_name)
    return doc, findings
