"""Reads a manifest as an editor's YAML language server does (YAML 1.2 core schema) into JSON
data, so the JSON Schema can be checked against what a publicist's editor would see.

PyYAML's own constructor follows YAML 1.1 (``NO`` a boolean, ``2030-01-05`` a date object that
JSON has no type for); this composes nodes and resolves plain scalars by the 1.2 core rules.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(true|True|TRUE)$")
_FALSE = re.compile(r"^(false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
_CORE_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
}


class NotJsonData(ValueError):
    """The YAML cannot become JSON data (duplicate keys, tags, several documents…)."""


def load_core(text: str) -> Any:
    try:
        # Aliases are refused before composing: expanding an alias bomb would never finish
        # (the app refuses anchors and aliases too).
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise NotJsonData("anchors and aliases")
            tag = getattr(event, "tag", None)
            if tag not in (None, "!") and tag not in _CORE_TAGS:
                raise NotJsonData(f"tag {tag}")  # an editor would not know it either
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise NotJsonData(str(exc)) from exc
    return None if node is None else _convert(node)


def _convert(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node)
            if not isinstance(key, str):
                key = str(key_node.value)
            if key in out:
                raise NotJsonData(f"duplicate key {key!r}")
            out[key] = _convert(value_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item) for item in node.value]
    assert isinstance(node, yaml.ScalarNode)
    value = str(node.value)
    if node.style:  # quoted or block scalars are always strings
        return value
    return _resolve_plain(value)


def _resolve_plain(value: str) -> Any:
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value
