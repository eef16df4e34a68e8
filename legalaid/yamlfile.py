"""Line-aware YAML loading: every value keeps the line it came from, every failure is a Finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding

Key = tuple[Any, ...]
#: libyaml's parser when PyYAML was built with it (13x faster on station files), else pure Python.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDoc:
    """A loaded YAML document and where each of its keys stands.

    Attributes:
        path: Project-relative path used in findings.
        data: The Python value (``None`` when loading failed).
        lines: Maps a key path such as ``("name", "zh")`` to the 1-based line of that key.
        findings: Problems met while reading (encoding, syntax, empty file, duplicate keys).
    """

    path: str
    data: Any = None
    lines: dict[Key, tuple[int, int]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def where(self, *key: Any) -> tuple[int, int]:
        """Line and column of the deepest known key on ``key``'s path (the file start if none)."""
        for end in range(len(key), 0, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return (1, 1)

    def finding(self, key: Key, message: str, fix: str, code: str, level: str = "error") -> Finding:
        """Build a finding located at ``key``."""
        line, col = self.where(*key)
        return Finding(self.path, line, col, level, message, fix, code)  # type: ignore[arg-type]


def _record_lines(node: yaml.Node, prefix: Key, doc: YamlDoc, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
            pos = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            if key in seen:
                doc.findings.append(Finding(
                    doc.path, pos[0], pos[1], "error",
                    f"key '{key}' appears twice in the same mapping",
                    "keep one of them; YAML would silently use the last", "yaml.duplicate-key",
                ))
            seen.add(key)
            doc.lines[(*prefix, key)] = pos
            _record_lines(value_node, (*prefix, key), doc, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            pos = (item.start_mark.line + 1 + offset, item.start_mark.column + 1)
            doc.lines[(*prefix, index)] = pos
            _record_lines(item, (*prefix, index), doc, offset)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> YamlDoc:
    """Parse YAML text into a :class:`YamlDoc`; never raises on bad input.

    Args:
        text: The YAML source.
        path: Project-relative path for findings.
        line_offset: Lines before ``text`` in the file (for front matter).
    """
    doc = YamlDoc(path)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            doc.findings.append(Finding(
                path, line_offset + 1, 1, "error", "the file holds no YAML data",
                "fill in the entry or delete the file", "yaml.empty",
            ))
            return doc
        _record_lines(node, (), doc, line_offset)
        doc.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        doc.findings.append(Finding(
            path, line, col, "error", f"YAML syntax error: {problem}",
            "check indentation, colons and quotes on this line and the one above",
            "yaml.syntax",
        ))
        doc.data = None
    except yaml.YAMLError as exc:
        doc.findings.append(Finding(
            path, line_offset + 1, 1, "error", f"YAML error: {exc}",
            "check the file's YAML syntax", "yaml.syntax",
        ))
        doc.data = None
    finally:
        loader.dispose()
    return doc


def read_text(file: Path, path: str) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8; return a finding with the line of the first bad byte otherwise."""
    raw = file.read_bytes()
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Finding(
            path, line, col, "error", "the file is not valid UTF-8 text",
            "save the file with UTF-8 encoding (in most editors: Save with encoding → UTF-8)",
            "file.encoding",
        )]


def load_yaml(file: Path, path: str) -> YamlDoc:
    """Read and parse a YAML file, collecting every problem as a finding."""
    text, problems = read_text(file, path)
    if text is None:
        return YamlDoc(path, findings=problems)
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_yaml(text, path)
