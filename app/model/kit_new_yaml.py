"""The ``presskit.yaml`` text ``presskit new`` writes from its plan.

Written line by line rather than dumped whole, because the manifest is meant to be read and
finished by a person: a comment pointing their editor at the JSON Schema, keys in the README's
order, and ``# TODO`` at the end of every line they still have to write (``validate`` lists
those lines). Every value goes through :func:`yaml_scalar`, which lets PyYAML choose a safe
style and then proves it: the value read back must be the very text, so a caption holding a
colon, quotes, a line break, ``yes`` or ``1.10`` stays that text.
"""

from __future__ import annotations

import logging
import re

import yaml

from app.model.format_version import FORMAT_CURRENT
from app.model.kit_new import KitPlan, NewStill

log = logging.getLogger(__name__)

SCHEMA_NAME = "presskit-1.1.schema.json"
TODO = "  # TODO"
_BREAKS = ("\r", "\n", "\x85", "\u2028", "\u2029")
_NO_WRAP = 2**31 - 1  # PyYAML folds long scalars at its width; a value stays on its line
# A path the loader would take for a URL or a drive (``still: one.jpg``, ``c:x.jpg``): written
# as ``./still: one.jpg``, which names the same file and is plainly a path.
_LOOKS_LIKE_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class ScalarError(ValueError):
    """A text PyYAML cannot write so that it reads back the same (never seen; a guard)."""


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar on one line that reads back as exactly ``text``."""
    for style in (None, '"'):
        dumped = yaml.safe_dump(
            text, default_style=style, allow_unicode=True, width=_NO_WRAP, explicit_end=False
        )
        written = dumped.removesuffix("\n...\n").removesuffix("\n")
        if any(mark in written for mark in _BREAKS):
            continue  # a multi-line style cannot sit after a key at any indent
        if _reads_back(written) == text:
            return written
    raise ScalarError(f"cannot write {text!r} as YAML")


def _reads_back(written: str) -> object:
    try:
        loaded = yaml.safe_load(f"k: {written}\n")
    except yaml.YAMLError:
        return None
    return loaded.get("k") if isinstance(loaded, dict) else None


def yaml_path(relative: str) -> str:
    """A kit-relative path as a YAML scalar the loader reads as that very file."""
    return yaml_scalar(f"./{relative}" if _LOOKS_LIKE_SCHEME.match(relative) else relative)


def manifest_text(plan: KitPlan) -> str:
    """The whole manifest, ending in a newline."""
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_NAME}",
        "# Made by 'presskit new' from the files in this folder. Write your text on the lines",
        "# marked TODO (then delete the mark); 'presskit validate' lists the ones still open.",
        f"format: {FORMAT_CURRENT}",
        "film:",
        f"  title: {yaml_scalar(plan.title)}{TODO}",
    ]
    if plan.key_art is not None:
        lines.append(f"  key_art: {yaml_path(plan.key_art)}")
    lines += [
        "synopsis:",
        f"  short: {yaml_scalar(f'A short synopsis of {plan.title}.')}{TODO}",
    ]
    if plan.stills:
        lines.append("stills:")
        for still in plan.stills:
            lines += _still_lines(still)
    if plan.videos:
        lines.append("videos:")
        for video in plan.videos:
            lines.append(f"  - file: {yaml_path(video.relative)}")
            lines.append(f"    title: {yaml_scalar(video.title)}")
            lines.append(f"    kind: {video.kind}")
            if video.captions is not None:
                lines.append(f"    captions: {yaml_path(video.captions)}")
    return "\n".join(lines) + "\n"


def _still_lines(still: NewStill) -> list[str]:
    found = still.metadata
    lines = [f"  - file: {yaml_path(still.relative)}"]
    for key, value in (
        ("caption", found.caption),
        ("credit", found.credit),
        ("photographer", found.photographer),
        ("copyright", found.copyright),
        ("usage", found.usage),
        ("alt", found.alt),
    ):
        if value is not None and value.strip():
            lines.append(f"    {key}: {yaml_scalar(value)}")
    people = [name for name in found.people if name.strip()]
    if people:
        lines.append("    people:")
        lines += [f"      - {yaml_scalar(name)}" for name in people]
    return lines
