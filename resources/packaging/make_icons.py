"""Pack the app icon's PNG sizes (resources/icons/app-<size>.png) into a Windows .ico and a
macOS .icns, for build_spec.spec. Both formats may hold PNG data as is (ICO since Windows Vista,
ICNS since Mac OS X 10.7), so no image library is needed and the output is checked on Linux:

    python resources/packaging/make_icons.py OUT_DIR
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can describe
# ICNS element types that hold PNG data, with the pixel size each expects.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic11", 32),  # 16 pt @2x
    (b"ic12", 64),  # 32 pt @2x
    (b"ic13", 256),  # 128 pt @2x
    (b"ic14", 512),  # 256 pt @2x
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png(icons_dir: Path, size: int) -> bytes:
    data = (Path(icons_dir) / f"app-{size}.png").read_bytes()
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    if not data.startswith(PNG_SIGNATURE) or (width, height) != (size, size):
        raise SystemExit(f"make_icons: app-{size}.png is not a {size}x{size} PNG")
    return data


def write_ico(icons_dir: Path, out: str | Path) -> Path:
    images = [(size, _png(icons_dir, size)) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    directory, blobs = b"", b""
    for size, data in images:
        side = 0 if size == 256 else size  # 0 means 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + directory + blobs)
    return out


def write_icns(icons_dir: Path, out: str | Path) -> Path:
    body = b""
    for kind, size in ICNS_TYPES:
        data = _png(icons_dir, size)
        body += kind + struct.pack(">I", 8 + len(data)) + data
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
    return out


if __name__ == "__main__":
    ROOT = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(ROOT))
    from app.identity import SLUG  # the app's one short name (standard library only)

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "build")
    icons = ROOT / "resources" / "icons"
    print(write_ico(icons, target / f"{SLUG}.ico"))
    print(write_icns(icons, target / f"{SLUG}.icns"))
