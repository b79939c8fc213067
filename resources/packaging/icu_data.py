"""Trim the ICU data library Qt ships on Linux (``libicudata.so.NN``, 32 MB) to what the app uses.

Qt Core links ICU, and ICU's data library holds the data of every locale, every legacy character
set converter and the word-break dictionaries of Chinese, Japanese, Khmer, Lao, Burmese and
Thai. The app is English-only; Qt formats numbers and dates with its own CLDR tables, breaks
lines with its own Unicode tables and decodes text as UTF-8 (which ICU does without data), and
a kit's text is data, never a legacy encoding. What Qt still asks ICU for — collation (QCollator,
the file dialog's sorting), locale-aware case mapping, IDNA (QUrl::toAce), time-zone names —
falls back to the root locale, so that stays, with English:

- kept: in the package and each subtree (``coll/``, ``zone/``, ``brkitr/``, ...) the root,
  English, pool and index bundles, and every item that is not a locale's: properties,
  normalisation, UTS #46, the supplemental tables (likely subtags, time zones, plurals...),
  the root collation table ``ucadata.icu`` and the break rules ``*.brk``;
- dropped: the other locales' bundles, ``*.dict`` dictionaries and ``*.cnv`` converters.

The data is ICU's "common data" package (the ``icudtNN_dat`` symbol): a header, a table of
contents of (name offset, data offset) pairs sorted by name, the names, then the items, each
16-byte aligned. This module reads it with ``objdump``, writes a smaller package and links a
new library exporting the same symbol with ``as`` and ``ld`` (binutils, which the build needs
anyway). The self-test's ``text`` check exercises ICU in the frozen bundle.

    python resources/packaging/icu_data.py LIBICUDATA OUT   (prints what it kept)
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ALIGNMENT = 16
# A locale's bundle is named by its language code (2-3 lower-case letters, ICU has no others)
# and its subtags: "de", "sr_Latn_BA". Supplemental bundles have longer names ("plurals",
# "likelySubtags", "zoneinfo64") and always stay.
LOCALE_BUNDLE = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*\.res")
KEEP_LOCALES = re.compile(r"(root|en|en_[A-Za-z0-9_]+|pool|res_index)\.res")


def keeps(name: str) -> bool:
    """Whether the item ``name`` (``icudt73l/coll/de.res``) stays in the trimmed package."""
    parts = name.split("/")[1:]  # without the package's own name
    leaf = parts[-1]
    if leaf.endswith((".cnv", ".dict")):
        return False
    if LOCALE_BUNDLE.fullmatch(leaf):
        return bool(KEEP_LOCALES.fullmatch(leaf))
    return True  # not a locale's: ucadata.icu, *.brk, *.nrm, supplemental bundles


def symbol_bytes(library: Path) -> tuple[str, bytes]:
    """The ``icudtNN_dat`` symbol's name and bytes, located with objdump."""
    symbols = subprocess.run(
        ["objdump", "-T", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"^([0-9a-f]+)\s.*\s([0-9a-f]+)\s+(icudt\d+_dat)\s*$", symbols, re.M)
    if match is None:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    address, size, name = int(match[1], 16), int(match[2], 16), match[3]
    sections = subprocess.run(
        ["objdump", "-h", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[1].startswith("."):
            section_size, vma, offset = int(fields[2], 16), int(fields[3], 16), int(fields[5], 16)
            if vma <= address < vma + section_size:
                start = offset + address - vma
                return name, library.read_bytes()[start : start + size]
    raise ValueError(f"{library}: {name} lies in no section")


def items(package: bytes) -> list[tuple[str, bytes]]:
    """The package's (name, bytes) items, in table-of-contents order."""
    header_size = struct.unpack_from("<H", package, 0)[0]
    if package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    count = struct.unpack_from("<I", package, header_size)[0]
    toc = [struct.unpack_from("<II", package, header_size + 4 + 8 * i) for i in range(count)]
    found = []
    for index, (name_offset, data_offset) in enumerate(toc):
        name_start = header_size + name_offset
        name = package[name_start : package.index(b"\0", name_start)].decode("ascii")
        end = toc[index + 1][1] if index + 1 < count else len(package) - header_size
        found.append((name, package[header_size + data_offset : header_size + end]))
    return found


def package_of(header: bytes, kept: list[tuple[str, bytes]]) -> bytes:
    """A common data package holding ``kept`` (in the order given: already sorted by name)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in kept)
    toc_size = 4 + 8 * len(kept)
    data_start = _aligned(toc_size + len(names))
    name_offsets, data_offsets = [], []
    name_offset, data_offset = toc_size, data_start
    for name, data in kept:
        name_offsets.append(name_offset)
        data_offsets.append(data_offset)
        name_offset += len(name) + 1
        data_offset = _aligned(data_offset + len(data))
    out = bytearray(header)
    out += struct.pack("<I", len(kept))
    for pair in zip(name_offsets, data_offsets, strict=True):
        out += struct.pack("<II", *pair)
    out += names
    for (_name, data), offset in zip(kept, data_offsets, strict=True):
        out += b"\0" * (len(header) + offset - len(out))
        out += data
    return bytes(out)


def _aligned(offset: int) -> int:
    return -(-offset // ALIGNMENT) * ALIGNMENT


def trimmed_package(package: bytes) -> tuple[bytes, list[str], list[str]]:
    """The trimmed package, and the names kept and dropped."""
    header = package[: struct.unpack_from("<H", package, 0)[0]]
    every = items(package)
    kept = [(name, data) for name, data in every if keeps(name)]
    dropped = [name for name, _data in every if not keeps(name)]
    return package_of(header, kept), [name for name, _data in kept], dropped


def link_library(symbol: str, package: bytes, soname: str, out: Path) -> None:
    """A shared library exporting ``symbol`` as ``package`` (read-only, 16-byte aligned)."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder, "icudata.bin")
        data.write_bytes(package)
        source = Path(folder, "icudata.s")
        source.write_text(
            f"\t.section .rodata\n\t.balign {ALIGNMENT}\n\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n\t.size {symbol}, {len(package)}\n"
            f'{symbol}:\n\t.incbin "{data}"\n\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        objects = Path(folder, "icudata.o")
        subprocess.run(["as", "-o", str(objects), str(source)], check=True)
        subprocess.run(
            ["ld", "-shared", "-soname", soname, "-o", str(out), str(objects)], check=True
        )


def trim_library(library: Path, out: Path) -> tuple[int, int, list[str]]:
    """Write the trimmed ``library`` to ``out``: (bytes before, bytes after, names dropped)."""
    symbol, package = symbol_bytes(library)
    trimmed, _kept, dropped = trimmed_package(package)
    link_library(symbol, trimmed, library.name, out)
    return library.stat().st_size, out.stat().st_size, dropped


if __name__ == "__main__":
    before, after, dropped = trim_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[1]}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB ({len(dropped)} dropped)")
