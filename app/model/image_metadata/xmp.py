"""XMP packets: merge the kit's fields into a studio's packet, and read those fields back.

Merging keeps every property the kit does not set (the studio's keywords, rights URLs, camera
data…) and replaces each property it sets as a whole: a studio's French caption is dropped
with its English one, because it may describe a different caption than the kit's.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

from app.model.image_metadata.fields import ImageFields, ImageMetadata
from app.model.image_metadata.safe_xml import (
    XML_NS,
    UnsafeXmlError,
    escape,
    parse_xml,
    serialize,
)

log = logging.getLogger(__name__)

X = "adobe:ns:meta/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
XMP_RIGHTS = "http://ns.adobe.com/xap/1.0/rights/"
IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
XMP_NOTE = "http://ns.adobe.com/xmp/note/"

PREFIXES = {
    X: "x",
    RDF: "rdf",
    DC: "dc",
    PHOTOSHOP: "photoshop",
    XMP_RIGHTS: "xmpRights",
    IPTC_CORE: "Iptc4xmpCore",
    IPTC_EXT: "Iptc4xmpExt",
    XMP_NOTE: "xmpNote",
}

# field name -> (property, XMP form). "alt" is a language alternative with x-default, "seq"
# and "bag" are arrays, "text" a simple value.
PROPERTIES: dict[str, tuple[str, str]] = {
    "caption": (f"{{{DC}}}description", "alt"),
    "credit": (f"{{{PHOTOSHOP}}}Credit", "text"),
    "photographer": (f"{{{DC}}}creator", "seq"),
    "copyright": (f"{{{DC}}}rights", "alt"),
    "usage": (f"{{{XMP_RIGHTS}}}UsageTerms", "alt"),
    "alt": (f"{{{IPTC_CORE}}}AltTextAccessibility", "alt"),
    "people": (f"{{{IPTC_EXT}}}PersonInImage", "bag"),
    "title": (f"{{{DC}}}title", "alt"),
    "max_avail_width": (f"{{{IPTC_EXT}}}MaxAvailWidth", "text"),
    "max_avail_height": (f"{{{IPTC_EXT}}}MaxAvailHeight", "text"),
}
HAS_EXTENDED = f"{{{XMP_NOTE}}}HasExtendedXMP"
_DESCRIPTION = f"{{{RDF}}}Description"
_LI = f"{{{RDF}}}li"
_LANG = f"{{{XML_NS}}}lang"
_CONTAINERS = {"alt": "Alt", "seq": "Seq", "bag": "Bag"}

PACKET_HEAD = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
PACKET_TAIL = '<?xpacket end="w"?>'


def field_values(fields: ImageFields) -> dict[str, list[str]]:
    """The properties ``fields`` sets, each as its list of values (one for simple values)."""
    values: dict[str, list[str]] = {}
    for name in PROPERTIES:
        value = getattr(fields, name)
        if name == "people":
            if value:
                values[name] = [str(person) for person in value]
        elif value is not None:
            values[name] = [str(value)]
    return values


def _find_rdf(root: ET.Element) -> ET.Element | None:
    if root.tag == f"{{{RDF}}}RDF":
        return root
    return root.find(f".//{{{RDF}}}RDF")


def remove_properties(root: ET.Element, tags: set[str]) -> bool:
    """Drop the ``tags`` properties from every top-level description (as elements or
    attributes; a struct's own fields deeper down are other properties); True when any was
    found."""
    rdf = _find_rdf(root)
    if rdf is None:
        return False
    found = False
    for description in rdf.findall(_DESCRIPTION):
        for tag in tags & set(description.attrib):
            del description.attrib[tag]
            found = True
        for child in list(description):
            if child.tag in tags:
                description.remove(child)
                found = True
    return found


def new_root() -> ET.Element:
    root = ET.Element(f"{{{X}}}xmpmeta")
    ET.SubElement(root, f"{{{RDF}}}RDF")
    return root


def description_xml(values: dict[str, list[str]], about: str = "") -> str:
    """An ``rdf:Description`` holding ``values``, written as text. It declares its own
    namespaces, so it means the same whatever prefixes the studio's packet bound; building it
    as text rather than as elements keeps the per-file cost of an export small."""
    used = {RDF}
    lines: list[str] = []
    for name, items in values.items():
        tag, form = PROPERTIES[name]
        uri, local = tag[1:].split("}", 1)
        used.add(uri)
        qualified = f"{PREFIXES[uri]}:{local}"
        if form == "text":
            lines.append(f"  <{qualified}>{escape(items[0])}</{qualified}>\n")
            continue
        lang = ' xml:lang="x-default"' if form == "alt" else ""
        entries = "".join(f"<rdf:li{lang}>{escape(item)}</rdf:li>" for item in items)
        container = f"rdf:{_CONTAINERS[form]}"
        lines.append(f"  <{qualified}><{container}>{entries}</{container}></{qualified}>\n")
    declarations = " ".join(f'xmlns:{PREFIXES[uri]}="{uri}"' for uri in sorted(used))
    head = f'<rdf:Description rdf:about="{escape(about, True)}" {declarations}>\n'
    return f"{head}{''.join(lines)}</rdf:Description>\n"


def merged_packet_bytes(root: ET.Element, prefixes: dict[str, str], fields: ImageFields) -> bytes:
    """The packet ``root`` with the properties ``fields`` sets replaced, all others kept, as
    UTF-8 bytes with its ``xpacket`` wrapper."""
    values = field_values(fields)
    rdf = _find_rdf(root)
    if rdf is None:  # parse_packet refuses such a packet; a new one always has it
        rdf = ET.SubElement(root, f"{{{RDF}}}RDF")
    extra = ""
    if values:
        remove_properties(root, {PROPERTIES[name][0] for name in values})
        # Every description in a packet must be about the same resource (XMP part 1).
        first = next(iter(rdf.findall(_DESCRIPTION)), None)
        about = first.get(f"{{{RDF}}}about", "") if first is not None else ""
        extra = description_xml(values, about)
    return packet_bytes(root, prefixes, (rdf, extra))


def packet_bytes(
    root: ET.Element, prefixes: dict[str, str], append: tuple[ET.Element, str] | None = None
) -> bytes:
    """The packet as UTF-8 bytes with its ``xpacket`` wrapper."""
    names = dict(PREFIXES)
    names.update(prefixes)
    return (PACKET_HEAD + serialize(root, names, append) + PACKET_TAIL).encode("utf-8")


def parse_packet(data: bytes) -> tuple[ET.Element, dict[str, str]]:
    """Parse a packet; raises :class:`UnsafeXmlError`. A packet with no ``rdf:RDF`` is
    refused: there is nothing in it a reader would take for metadata."""
    root, prefixes = parse_xml(data.strip(b"\x00 \t\r\n"))
    if _find_rdf(root) is None:
        raise UnsafeXmlError("the XMP packet has no rdf:RDF element")
    return root, prefixes


def merge_packet(existing: bytes | None, fields: ImageFields, problems: list[str]) -> bytes:
    """``existing`` (may be None) with ``fields`` merged. A packet that cannot be read safely
    is replaced by a fresh one, and ``problems`` says so."""
    root: ET.Element | None = None
    prefixes: dict[str, str] = {}
    if existing is not None:
        try:
            root, prefixes = parse_packet(existing)
        except UnsafeXmlError as error:
            problems.append(f"the XMP packet could not be kept: {error}")
    if root is None:
        root = new_root()
    return merged_packet_bytes(root, prefixes, fields)


# ---- reading ----------------------------------------------------------------------------


def _text_of(element: ET.Element, form: str) -> list[str]:
    container = next(iter(element), None)
    if container is None:
        return [element.text.strip()] if element.text and element.text.strip() else []
    if form == "text":
        form = "alt"  # a simple value some writers wrap in an array: take its first item
    items = [item for item in container if item.tag == _LI]
    if form == "alt":
        chosen = next((i for i in items if i.get(_LANG) == "x-default"), None)
        chosen = chosen if chosen is not None else (items[0] if items else None)
        return [chosen.text] if chosen is not None and chosen.text else []
    return [item.text for item in items if item.text]


def read_packet_into(
    packet: bytes, found: ImageMetadata, what: str = "the XMP packet"
) -> ET.Element | None:
    """Parse ``packet`` and fill the fields ``found`` does not have yet; an unsafe or broken
    packet becomes a problem ("``what`` was not read: …"). Returns the packet's root, or None
    when it was not read."""
    try:
        root, _prefixes = parse_packet(packet)
    except UnsafeXmlError as error:
        found.problems.append(f"{what} was not read: {error}")
        return None
    read_into(root, found)
    return root


def read_into(root: ET.Element, found: ImageMetadata) -> None:
    """Fill the fields ``found`` does not have yet from the packet ``root``."""
    rdf = _find_rdf(root)
    if rdf is None:
        return
    by_tag = {tag: (name, form) for name, (tag, form) in PROPERTIES.items()}
    for description in rdf.findall(_DESCRIPTION):
        candidates: list[tuple[str, list[str]]] = []
        for tag, value in description.attrib.items():
            if tag in by_tag and value.strip():
                candidates.append((tag, [value.strip()]))
        for child in description:
            if child.tag in by_tag:
                candidates.append((str(child.tag), _text_of(child, by_tag[str(child.tag)][1])))
        for tag, values in candidates:
            name, _form = by_tag[tag]
            if not values or name in found.sources:
                continue
            _assign(found, name, values, "xmp")


def _assign(found: ImageMetadata, name: str, values: list[str], source: str) -> None:
    if name == "people":
        found.people = tuple(values)
    elif name in ("max_avail_width", "max_avail_height"):
        try:
            setattr(found, name, int(values[0]))
        except ValueError:
            found.problems.append(f"the XMP {name} is not a whole number")
            return
    elif name == "photographer":
        found.photographer = "; ".join(values)
    else:
        setattr(found, name, values[0])
    found.sources[name] = source


def extended_guid(root: ET.Element) -> str | None:
    """The GUID the main packet names for its extended XMP, if any."""
    rdf = _find_rdf(root)
    if rdf is None:
        return None
    for description in rdf.findall(_DESCRIPTION):
        value = description.get(HAS_EXTENDED)
        if value:
            return value.strip()
        child = description.find(HAS_EXTENDED)
        if child is not None and child.text:
            return child.text.strip()
    return None


def set_extended_guid(root: ET.Element, guid: str | None) -> None:
    remove_properties(root, {HAS_EXTENDED})
    if guid is None:
        return
    rdf = _find_rdf(root)
    assert rdf is not None
    description = ET.SubElement(rdf, _DESCRIPTION, {f"{{{RDF}}}about": ""})
    ET.SubElement(description, HAS_EXTENDED).text = guid


def move_largest_property(root: ET.Element, to_root: ET.Element) -> bool:
    """Move the largest property element of ``root``'s top-level descriptions to ``to_root``
    (the extended XMP); False when there is none left to move."""
    rdf, to_rdf = _find_rdf(root), _find_rdf(to_root)
    if rdf is None or to_rdf is None:
        return False
    candidates = [
        (len(ET.tostring(child)), description, child)
        for description in rdf.findall(_DESCRIPTION)
        for child in description
        if child.tag != HAS_EXTENDED
    ]
    if not candidates:
        return False
    _size, description, child = max(candidates, key=lambda item: item[0])
    description.remove(child)
    target = to_rdf.find(_DESCRIPTION)
    if target is None:
        about = description.get(f"{{{RDF}}}about", "")
        target = ET.SubElement(to_rdf, _DESCRIPTION, {f"{{{RDF}}}about": about})
    target.append(child)
    return True
