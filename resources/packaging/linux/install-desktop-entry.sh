#!/bin/sh
# Add the unpacked I.S.S. Press Kit to this user's application menu (or --remove it).
# Writes ~/.local/share/applications/iss-presskit.desktop with this folder's absolute path
# and copies the icons into ~/.local/share/icons/hicolor/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
entry="$data/applications/iss-presskit.desktop"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$entry"
    find "$data/icons/hicolor" -name 'iss-presskit.*' -type f -delete 2>/dev/null || true
    echo "removed $entry and the icons"
    exit 0
fi

for icon in "$here"/icons/hicolor/*/apps/iss-presskit.*; do
    size_dir=$(basename "$(dirname "$(dirname "$icon")")")
    mkdir -p "$data/icons/hicolor/$size_dir/apps"
    cp "$icon" "$data/icons/hicolor/$size_dir/apps/"
done
mkdir -p "$data/applications"
sed "s|^Exec=iss-presskit |Exec=\"$here/iss-presskit\" |" \
    "$here/iss-presskit.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database "$data/applications" 2>/dev/null || true
echo "installed $entry"
