#!/usr/bin/env bash
# Build the Linux deliverables from a clean clone, in one command:
#
#     bash resources/packaging/build_linux.sh [--dist DIR] [--work DIR] [--bundle-only]
#
# Produces, in DIR (default dist/):
#   iss-presskit/                                the PyInstaller one-folder bundle (build_spec.spec)
#   iss-presskit-<version>-linux-x86_64.tar.xz   the bundle + .desktop file + icons + README
#   iss-presskit_<version>_amd64.deb             installs to /opt/iss-presskit, /usr/bin link, menu
#                                                entry, icons, AppStream metainfo, copyright
# --bundle-only stops after the bundle. PRESSKIT_UNTRIMMED=1 builds without the spec's trimming
# (for tests/benchmarks/bench_bundle.py). PRESSKIT_MAINTAINER overrides the .deb's Maintainer.
#
# Needs: python3 (3.10+, with venv), and the Debian packages binutils (objdump, strip),
# dpkg-dev or dpkg (dpkg-deb), xz-utils, libc-bin (ldd); appstream to check the metainfo.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/resources/packaging"
cd "$ROOT"

DIST="$ROOT/dist"
WORK=""
BUNDLE_ONLY=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST=$(realpath -m "$2"); shift 2 ;;
        --work) WORK=$(realpath -m "$2"); shift 2 ;;
        --bundle-only) BUNDLE_ONLY=1; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "build_linux.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
if [ -z "$WORK" ]; then
    WORK="$ROOT/build/pyinstaller${PRESSKIT_UNTRIMMED:+-untrimmed}"
fi

die() { echo "build_linux.sh: ERROR: $*" >&2; exit 1; }
step() { echo "== $*"; }

# ---- tools ---------------------------------------------------------------------------------
missing=()
for tool in python3 ldd objdump strip tar xz gzip; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ "$BUNDLE_ONLY" -eq 0 ]; then
    for tool in dpkg dpkg-deb; do command -v "$tool" >/dev/null || missing+=("$tool"); done
fi
[ "${#missing[@]}" -eq 0 ] \
    || die "missing tools: ${missing[*]} (Debian: apt-get install binutils dpkg-dev xz-utils)"
[ "$(uname -m)" = "x86_64" ] \
    || die "this script builds x86-64 packages; this machine is $(uname -m)"

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/__init__.py)
[ -n "$VERSION" ] || die "no __version__ in app/__init__.py"
# Release date for the changelog and metainfo, and timestamps inside the archives: the last
# commit's, so that rebuilding the same commit gives the same metadata.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH
# The app's names come from app/identity.py (standard library only: no Qt, no install needed),
# so the packages are named as the running app names itself.
NAME=$(python3 -c 'from app.identity import SLUG; print(SLUG)') \
    || die "cannot read the app's names from app/identity.py"
DISPLAY_NAME=$(python3 -c 'from app.identity import DISPLAY_NAME; print(DISPLAY_NAME)')
MAINTAINER=${PRESSKIT_MAINTAINER:-"The $DISPLAY_NAME developers <$NAME@example.org>"}

# ---- the bundle ----------------------------------------------------------------------------
VENV=${PRESSKIT_VENV:-"$ROOT/.venv"}
step "Python environment $VENV (the app with its build extra)"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[build]" \
    || die "pip could not install the app with its build extra into $VENV"

step "PyInstaller: build_spec.spec -> $DIST/$NAME ${PRESSKIT_UNTRIMMED:+(UNTRIMMED)}"
rm -rf "${DIST:?}/$NAME"
mkdir -p "$DIST" "$WORK"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" build_spec.spec \
    || die "PyInstaller failed (see the messages above)"
BUNDLE="$DIST/$NAME"
[ -x "$BUNDLE/$NAME" ] || die "PyInstaller produced no $BUNDLE/$NAME"
[ -f "$BUNDLE/_internal/presskit/presskit.yaml" ] || die "the bundle lacks _internal/presskit"
[ -d "$BUNDLE/_internal/resources" ] || die "the bundle lacks _internal/resources"
[ -f "$BUNDLE/_internal/licenses/README.txt" ] || die "the bundle lacks _internal/licenses"
"$BUNDLE/$NAME" --version >/dev/null || die "the bundled $NAME does not even print its version"
echo "bundle: $(du -sh "$BUNDLE" | cut -f1) in $BUNDLE"
if [ "$BUNDLE_ONLY" -eq 1 ]; then
    exit 0
fi

# ---- what the bundle needs from the system ------------------------------------------------
step "System libraries the bundle links (ldd + dpkg -S)"
STAGE="$ROOT/build/packaging"
rm -rf "$STAGE"
mkdir -p "$STAGE"
# Sets GLIBC (the newest glibc symbol version any bundled file needs), DEPENDS (libc6 with that
# version, and every package owning a library the bundle links directly), APT_PACKAGES and
# LIBRARIES (a table for the tarball's README).
assignments=$(python3 "$HERE/linux_depends.py" "$BUNDLE" --shell) \
    || die "a library the bundle links is not found on this machine, or no package owns it"
eval "$assignments"
echo "glibc >= $GLIBC; Depends: $DEPENDS"

fill() {  # fill TEMPLATE OUTPUT: replace @VERSION@, @DATE@, @GLIBC@ ... in a template
    python3 - "$1" "$2" <<EOF
import sys, datetime
text = open(sys.argv[1], encoding="utf-8").read()
date = datetime.datetime.fromtimestamp($SOURCE_DATE_EPOCH, datetime.timezone.utc)
values = {
    "VERSION": "$VERSION",
    "DATE": date.strftime("%Y-%m-%d"),
    "GLIBC": "$GLIBC",
    "MAINTAINER": """$MAINTAINER""",
    "DEPENDS": """$DEPENDS""",
    "APT_PACKAGES": """$APT_PACKAGES""",
    "LIBRARIES": """$LIBRARIES""",
    "INSTALLED_SIZE": "${INSTALLED_SIZE:-0}",
}
for key, value in values.items():
    text = text.replace(f"@{key}@", value)
import re
assert not re.search(r"@[A-Z_]+@", text), f"unfilled placeholder in {sys.argv[1]}"
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
}

normalise_modes() {  # directories 755, files 644, the executables 755
    find "$1" -type d -exec chmod 0755 {} +
    find "$1" -type f -exec chmod 0644 {} +
    shift
    for executable in "$@"; do chmod 0755 "$executable"; done
}

install_icons() {  # install_icons DESTINATION/icons/hicolor
    for size in 16 24 32 48 64 128 256 512; do
        install -D -m 0644 "resources/icons/app-$size.png" "$1/${size}x${size}/apps/$NAME.png"
    done
    install -D -m 0644 resources/icons/app.svg "$1/scalable/apps/$NAME.svg"
}

METAINFO_ID=org.presskit.IssPressKit
fill "$HERE/linux/$METAINFO_ID.metainfo.xml.in" "$STAGE/$METAINFO_ID.metainfo.xml"
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$STAGE/$METAINFO_ID.metainfo.xml" \
        || die "appstreamcli rejects the AppStream metainfo"
else
    echo "(appstreamcli not installed: the metainfo is not validated; apt-get install appstream)"
fi

# ---- the tarball ---------------------------------------------------------------------------
TARNAME="$NAME-$VERSION-linux-x86_64"
step "$TARNAME.tar.xz"
TARROOT="$STAGE/tar/$TARNAME"
mkdir -p "$TARROOT"
cp -a "$BUNDLE/." "$TARROOT/"
install -m 0644 "$HERE/linux/$NAME.desktop" "$TARROOT/$NAME.desktop"
install -m 0755 "$HERE/linux/install-desktop-entry.sh" "$TARROOT/install-desktop-entry.sh"
# Booth mode's autostart entry and systemd user unit, for the operator to install (README).
install -D -m 0644 "$HERE/linux/$NAME-booth.desktop" "$TARROOT/booth/$NAME-booth.desktop"
install -D -m 0644 "$HERE/linux/$NAME-booth.service" "$TARROOT/booth/$NAME-booth.service"
install_icons "$TARROOT/icons/hicolor"
fill "$HERE/linux/README.tarball.in" "$TARROOT/README.txt"
normalise_modes "$TARROOT" "$TARROOT/$NAME" "$TARROOT/install-desktop-entry.sh"
rm -f "$DIST/$TARNAME.tar.xz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$STAGE/tar" -cf - "$TARNAME" | xz -T2 -6 > "$DIST/$TARNAME.tar.xz"
echo "tarball: $(du -h "$DIST/$TARNAME.tar.xz" | cut -f1)"

# ---- the .deb ------------------------------------------------------------------------------
DEB="${NAME}_${VERSION}_amd64.deb"
step "$DEB"
DEBROOT="$STAGE/deb"
mkdir -p "$DEBROOT/DEBIAN" "$DEBROOT/opt" "$DEBROOT/usr/bin"
cp -a "$BUNDLE" "$DEBROOT/opt/$NAME"
# Policy 10.5: a link from one top-level directory into another is absolute.
ln -s "/opt/$NAME/$NAME" "$DEBROOT/usr/bin/$NAME"
install -D -m 0644 "$HERE/linux/$NAME.desktop" "$DEBROOT/usr/share/applications/$NAME.desktop"
install_icons "$DEBROOT/usr/share/icons/hicolor"
install -D -m 0644 "$STAGE/$METAINFO_ID.metainfo.xml" \
    "$DEBROOT/usr/share/metainfo/$METAINFO_ID.metainfo.xml"
install -D -m 0644 "$HERE/linux/copyright" "$DEBROOT/usr/share/doc/$NAME/copyright"
# Booth mode: the user unit where systemd finds it (not enabled); the autostart entry as an
# example only (in /etc/xdg/autostart it would lock every user's session).
install -D -m 0644 "$HERE/linux/$NAME-booth.service" \
    "$DEBROOT/usr/lib/systemd/user/$NAME-booth.service"
install -D -m 0644 "$HERE/linux/$NAME-booth.desktop" \
    "$DEBROOT/usr/share/doc/$NAME/examples/$NAME-booth.desktop"
install -D -m 0644 "$HERE/linux/lintian-overrides" "$DEBROOT/usr/share/lintian/overrides/$NAME"
mkdir -p "$DEBROOT/usr/share/man/man1"
gzip -9n < "$HERE/linux/$NAME.1" > "$DEBROOT/usr/share/man/man1/$NAME.1.gz"
# A native package (no Debian revision): its changelog is changelog.gz.
python3 - "$DEBROOT/usr/share/doc/$NAME/changelog" <<EOF
import sys, email.utils
date = email.utils.formatdate($SOURCE_DATE_EPOCH, usegmt=False)
open(sys.argv[1], "w", encoding="utf-8").write(
    "$NAME ($VERSION) unstable; urgency=medium\n\n"
    "  * Release $VERSION, built from the project's source with PyInstaller.\n\n"
    " -- $MAINTAINER  " + date.replace("-0000", "+0000") + "\n"
)
EOF
gzip -9n "$DEBROOT/usr/share/doc/$NAME/changelog"
normalise_modes "$DEBROOT" "$DEBROOT/opt/$NAME/$NAME"
INSTALLED_SIZE=$(du -sk --exclude=DEBIAN "$DEBROOT" | cut -f1)
fill "$HERE/linux/control.in" "$DEBROOT/DEBIAN/control"
(cd "$DEBROOT" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
    | xargs -0 md5sum > DEBIAN/md5sums)
chmod 0644 "$DEBROOT/DEBIAN/control" "$DEBROOT/DEBIAN/md5sums"
find "$DEBROOT" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
rm -f "$DIST/$DEB"
dpkg-deb --root-owner-group -Zxz -z6 --threads-max=2 --build "$DEBROOT" "$DIST/$DEB" >/dev/null \
    || die "dpkg-deb could not build the package"
echo "deb: $(du -h "$DIST/$DEB" | cut -f1)"

step "done"
ls -l "$DIST/$TARNAME.tar.xz" "$DIST/$DEB"
