"""A guarded XML parser and a namespace-preserving writer for XMP packets.

XMP inside an image from a kit is untrusted input. The parser refuses any document type
declaration (so no entity can be defined: no "billion laughs", no external entity reaching a
file or the network), and bounds the packet's size, nesting depth and element count, so a
hostile packet costs little time and memory. The writer keeps the prefixes the studio's packet
declared, so a merged packet still reads naturally to a person.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from xml.parsers import expat

log = logging.getLogger(__name__)

MAX_XML_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_ELEMENTS = 100_000
XML_NS = "http://www.w3.org/XML/1998/namespace"


class UnsafeXmlError(ValueError):
    """The packet is malformed, too large, or uses a feature XMP never needs (a DTD)."""


def _clark(name: str) -> str:
    # expat joins a namespace URI and a local name with the separator given below.
    uri, sep, local = name.rpartition(" ")
    return f"{{{uri}}}{local}" if sep else name


def parse_xml(data: bytes) -> tuple[ET.Element, dict[str, str]]:
    """The root element and a URI→prefix map of the declared namespaces.

    Raises :class:`UnsafeXmlError` for anything malformed, oversized or with a DTD.
    """
    if len(data) > MAX_XML_BYTES:
        raise UnsafeXmlError(f"the XML is {len(data)} bytes, over the {MAX_XML_BYTES} allowed")
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = ET.TreeBuilder()
    prefixes: dict[str, str] = {}
    depth = 0
    count = 0

    def refuse_dtd(*_args: object) -> None:
        raise UnsafeXmlError("the XML has a document type declaration, which XMP never needs")

    def refuse_external(*_args: object) -> int:
        raise UnsafeXmlError("the XML refers to an external entity")

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth, count
        depth += 1
        count += 1
        if depth > MAX_DEPTH:
            raise UnsafeXmlError(f"the XML nests deeper than {MAX_DEPTH} elements")
        if count > MAX_ELEMENTS:
            raise UnsafeXmlError(f"the XML has more than {MAX_ELEMENTS} elements")
        builder.start(_clark(name), {_clark(k): v for k, v in attributes.items()})

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_clark(name))

    def namespace(prefix: str | None, uri: str) -> None:
        if prefix and uri not in prefixes:
            prefixes[uri] = prefix

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.UnparsedEntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_external
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartNamespaceDeclHandler = namespace
    try:
        parser.Parse(data, True)
        root = builder.close()
    except expat.ExpatError as error:
        raise UnsafeXmlError(f"the XML is malformed ({error})") from None
    except (AssertionError, IndexError) as error:  # TreeBuilder on unbalanced input
        raise UnsafeXmlError(f"the XML is malformed ({error})") from None
    return root, prefixes


def _escape(text: str, attribute: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
        text = text.replace("\r", "&#13;")
    else:
        text = text.replace("\r", "&#13;")
    return text


def escape(text: str, attribute: bool = False) -> str:
    return _escape(text, attribute)


def serialize(
    root: ET.Element, prefixes: dict[str, str], append: tuple[ET.Element, str] | None = None
) -> str:
    """``root`` as XML text, every namespace declared once on the root with its prefix;
    ``append`` is an element of the tree and XML text written as its last child."""
    names: dict[str, str] = {XML_NS: "xml"}
    taken = {"xml"}
    for uri, prefix in prefixes.items():
        if prefix not in taken and uri not in names:
            names[uri] = prefix
            taken.add(prefix)

    def qualify(name: str) -> str:
        if not name.startswith("{"):
            return name
        uri, local = name[1:].split("}", 1)
        if uri not in names:
            number = len(names)
            while f"ns{number}" in taken:
                number += 1
            names[uri] = f"ns{number}"
            taken.add(f"ns{number}")
        return f"{names[uri]}:{local}"

    parts: list[str] = []

    def write(element: ET.Element, indent: int) -> None:
        pad = " " * indent
        attributes = "".join(
            f' {qualify(k)}="{_escape(v, True)}"' for k, v in element.attrib.items()
        )
        tag = qualify(str(element.tag))
        marker = "\x00ROOT-NAMESPACES\x00" if indent == 0 else ""
        children = list(element)
        text = element.text or ""
        extra = append[1] if append is not None and element is append[0] else ""
        if not children and not text and not extra:
            parts.append(f"{pad}<{tag}{marker}{attributes}/>\n")
            return
        if not children and not extra:
            parts.append(f"{pad}<{tag}{marker}{attributes}>{_escape(text, False)}</{tag}>\n")
            return
        parts.append(f"{pad}<{tag}{marker}{attributes}>")
        # Whitespace-only text between elements is layout; anything else is kept as written.
        parts.append(_escape(text, False) if text.strip() else "\n")
        for child in children:
            write(child, indent + 1)
            if child.tail and child.tail.strip():
                parts.append(_escape(child.tail, False))
        parts.append(extra)
        parts.append(f"{pad}</{tag}>\n")

    write(root, 0)
    body = "".join(parts)
    declarations = "".join(
        f' xmlns:{prefix}="{_escape(uri, True)}"' for uri, prefix in names.items() if uri != XML_NS
    )
    return body.replace("\x00ROOT-NAMESPACES\x00", declarations, 1)
