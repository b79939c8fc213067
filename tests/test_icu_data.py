"""The bundle's trimmed ICU data (resources/packaging/icu_data.py): the package is rebuilt with
the root and English locales and every non-locale item, byte for byte, and Qt's collation and
case mapping give the same answers with it as with the full data; without the collation data
the self-test's text check says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "resources" / "packaging"))
import icu_data

QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
LIBRARIES = sorted(QT_LIB.glob("libicudata.so.*"))
pytestmark = pytest.mark.skipif(
    not LIBRARIES or not sys.platform.startswith("linux"),
    reason="PySide6 ships its own ICU data library only on Linux",
)

PROBE = (
    "from app.media.text_services import text_services_problems as p; "
    "import sys; problems = p(); print(problems); sys.exit(1 if problems else 0)"
)


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/root.res", True),
        ("icudt73l/en_GB.res", True),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/uts46.nrm", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/coll/root.res", True),
        ("icudt73l/brkitr/word.brk", True),
        ("icudt73l/zone/pool.res", True),
        ("icudt73l/de.res", False),
        ("icudt73l/sr_Latn_BA.res", False),
        ("icudt73l/coll/zh.res", False),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/gb18030.cnv", False),
    ],
)
def test_what_stays(name: str, kept: bool) -> None:
    assert icu_data.keeps(name) is kept


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("icu") / LIBRARIES[-1].name
    before, after, dropped = icu_data.trim_library(LIBRARIES[-1], out)
    assert after < before / 3 and dropped
    return out


def test_the_rebuilt_package_holds_the_kept_items_byte_for_byte(trimmed: Path) -> None:
    symbol, original = icu_data.symbol_bytes(LIBRARIES[-1])
    trimmed_symbol, package = icu_data.symbol_bytes(trimmed)
    assert trimmed_symbol == symbol
    items = icu_data.items(package)
    every = dict(icu_data.items(original))
    assert [name for name, _ in items] == [name for name in every if icu_data.keeps(name)]
    assert all(every[name] == data for name, data in items)
    header_size = int.from_bytes(original[:2], "little")
    assert package[:header_size] == original[:header_size]  # ICU checks its name and version


def _probe(library: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LD_PRELOAD": str(library), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_qt_collates_and_maps_case_with_the_trimmed_data(trimmed: Path) -> None:
    completed = _probe(trimmed)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_text_check_fails_without_the_collation_data(tmp_path: Path) -> None:
    symbol, original = icu_data.symbol_bytes(LIBRARIES[-1])
    header = original[: int.from_bytes(original[:2], "little")]
    kept = [(n, d) for n, d in icu_data.items(original) if "/coll/" not in n]
    broken = tmp_path / LIBRARIES[-1].name
    icu_data.link_library(symbol, icu_data.package_of(header, kept), broken.name, broken)
    completed = _probe(broken)
    assert completed.returncode == 1 and "collation" in completed.stdout, completed.stdout
