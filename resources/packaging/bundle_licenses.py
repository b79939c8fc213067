"""Gather the licences of everything the bundle ships into one folder (the bundle's `licenses/`).

Called by build_spec.spec at build time; not part of the app. Texts come from the installed
packages where they ship one (PyYAML, segno, QtAwesome, QtPy, Python itself) and from
resources/packaging/licenses/ where they do not (the PySide6 and shiboken6 wheels carry no
licence file; qtawesome's fonts' licences are not in its wheel). A missing text stops the
build: a bundle must not ship without them.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
COMMITTED = HERE / "licenses"

# The app's version and names, from the app (both modules are standard library only).
sys.path.insert(0, str(ROOT))
from app import __version__  # noqa: E402
from app.identity import DISPLAY_NAME, SLUG  # noqa: E402

INDEX = """\
Third-party software in this bundle, and where its licence text is
==================================================================

{display_name} {app_version} (the program itself) - MIT
    {slug}-MIT.txt

Qt {qt_version} (libraries under _internal/PySide6/Qt/) - LGPL-3.0-only
PySide6 and shiboken6 {pyside_version} (the Python bindings) - LGPL-3.0-only
    LGPL-3.0.txt, and GPL-3.0.txt (the LGPL-3.0 is a set of additional permissions on
    top of the GPL-3.0, so both texts apply). The Qt and PySide6 libraries are shipped
    unmodified, as separate shared libraries that can be replaced. Source:
    https://download.qt.io/official_releases/qt/ and
    https://download.qt.io/official_releases/QtForPython/ (or code.qt.io).
    Qt itself contains further third-party code (for example ICU in libicu*.so, under the
    Unicode/ICU licence, https://github.com/unicode-org/icu/blob/main/LICENSE); Qt's
    documentation lists them under "Licenses Used in Qt".

FFmpeg (libavcodec, libavformat, libavutil, libswresample, libswscale in
_internal/PySide6/Qt/lib/, used by Qt Multimedia) - LGPL-2.1-or-later
    LGPL-2.1.txt. Built by the Qt Company for the PySide6 wheels without --enable-gpl or
    --enable-nonfree ("libavcodec license: LGPL version 2.1 or later", as the libraries
    report themselves), shipped unmodified as replaceable shared libraries. Source:
    https://ffmpeg.org/download.html (the Qt Multimedia documentation names the exact
    version and configuration).

QtAwesome {qtawesome_version} - MIT
    QtAwesome-MIT.txt
  and the icon fonts it carries (_internal/qtawesome/fonts/), each under its own licence:
    Font Awesome 5 and 6 Free (Copyright (c) Font Awesome / Fonticons, Inc.) - SIL OFL 1.1:
        OFL-1.1.txt
    Elusive Icons (Copyright (c) Aristeides Stathopoulos) - SIL OFL 1.1: OFL-1.1.txt
    Material Design Icons 5 and 6 (Copyright (c) Austin Andrews and the Pictogrammers
        contributors) - Apache-2.0: Apache-2.0.txt
    Remix Icon (Copyright (c) RemixIcon.com) - Apache-2.0: Apache-2.0.txt
    Phosphor Icons (Copyright (c) Phosphor Icons) - MIT: Phosphor-MIT.txt
    Codicons (Copyright (c) Microsoft Corporation) - Creative Commons Attribution 4.0
        International, https://creativecommons.org/licenses/by/4.0/legalcode
        (from https://github.com/microsoft/vscode-codicons)

QtPy {qtpy_version} (used by QtAwesome) - MIT
    QtPy-MIT.txt

PyYAML {pyyaml_version} - MIT
    PyYAML-MIT.txt

segno {segno_version} (booth mode's QR code) - BSD-3-Clause
    segno-BSD-3-Clause.txt

Python {python_version} (the interpreter and standard library) - PSF-2.0 and others
    Python-LICENSE.txt
"""

PHOSPHOR_MIT = """\
MIT License

Copyright (c) 2020 Phosphor Icons

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def _distribution_licence(name: str) -> Path:
    """The licence file a wheel installed in its .dist-info folder."""
    distribution = metadata.distribution(name)
    for file in distribution.files or ():
        if file.parent.name in {"licenses", ""} or ".dist-info" in str(file.parent):
            stem = file.name.upper()
            if stem.startswith(("LICENSE", "LICENCE", "COPYING")):
                return Path(str(distribution.locate_file(file)))
    raise SystemExit(f"bundle_licenses: the installed {name} has no licence file")


def _python_licence() -> Path:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    major_minor = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        stdlib / "LICENSE.txt",  # CPython's own install (Linux, macOS)
        Path(sys.base_prefix) / "LICENSE.txt",  # the python.org Windows installer
        Path(f"/usr/share/doc/python{major_minor}/copyright"),  # Debian's python3.x
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise SystemExit(f"bundle_licenses: no Python licence found in {candidates}")


def gather(destination: Path) -> Path:
    """(Re)create `destination` with every licence text and an index, README.txt."""
    destination = Path(destination)
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)

    def copy(source: Path, name: str) -> None:
        if not source.is_file():
            raise SystemExit(f"bundle_licenses: missing {source}")
        shutil.copyfile(source, destination / name)

    copy(ROOT / "LICENSE", f"{SLUG}-MIT.txt")
    for name in ("LGPL-3.0.txt", "GPL-3.0.txt", "LGPL-2.1.txt", "Apache-2.0.txt", "OFL-1.1.txt"):
        copy(COMMITTED / name, name)
    copy(_distribution_licence("QtAwesome"), "QtAwesome-MIT.txt")
    copy(_distribution_licence("QtPy"), "QtPy-MIT.txt")
    copy(_distribution_licence("PyYAML"), "PyYAML-MIT.txt")
    copy(_distribution_licence("segno"), "segno-BSD-3-Clause.txt")
    copy(_python_licence(), "Python-LICENSE.txt")
    (destination / "Phosphor-MIT.txt").write_text(PHOSPHOR_MIT, encoding="utf-8")

    pyside_version = metadata.version("PySide6-Essentials")
    index = INDEX.format(
        display_name=DISPLAY_NAME,
        slug=SLUG,
        app_version=__version__,
        qt_version=pyside_version,  # PySide6 x.y.z wheels carry Qt x.y.z
        pyside_version=pyside_version,
        qtawesome_version=metadata.version("QtAwesome"),
        qtpy_version=metadata.version("QtPy"),
        pyyaml_version=metadata.version("PyYAML"),
        segno_version=metadata.version("segno"),
        python_version=sys.version.split()[0],
    )
    (destination / "README.txt").write_text(index, encoding="utf-8")
    return destination


if __name__ == "__main__":
    print(gather(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "licenses"))
