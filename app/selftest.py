"""``presskit --self-test [KIT]``: a headless end-to-end check of the real app code.

Prints one JSON report on stdout (logs go to stderr) and exits 0 when every check passed or
was skipped, 1 when any failed. Each later capability adds its check to ``CHECKS``; the
packaging CI runs this from the frozen bundle.
"""

from __future__ import annotations

import json
import logging
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app import __version__, paths
from app.identity import EXIT_FAILURE, EXIT_OK
from app.model.kit import LoadResult, Video
from app.model.opening import KitOpenError, OpenedKit, open_kit_location
from app.model.problems import count_summary
from app.model.validate import check_headers

log = logging.getLogger(__name__)

PASS, FAIL, SKIP = "pass", "fail", "skip"


@dataclass
class SelfTestContext:
    kit_path: Path
    result: LoadResult | None = None
    opened: OpenedKit | None = None  # holds an archive's temporary folder until the end
    notes: dict[str, object] = field(default_factory=dict)


class CheckSkipped(Exception):
    """A check that does not apply (e.g. the kit has no trailer); the message says why."""


class CheckFailed(Exception):
    """A check that failed; the message says what went wrong."""


CheckFunction = Callable[[SelfTestContext], str | None]


def _check_load(context: SelfTestContext) -> str | None:
    # Opened as the viewer opens it: a folder, its presskit.yaml, or a .zip extracted safely.
    try:
        context.opened = open_kit_location(context.kit_path)
    except KitOpenError as exc:
        raise CheckFailed("; ".join(p.format() for p in exc.problems[:5])) from None
    context.result = context.opened.result
    return f"{len(context.result.kit.stills)} stills"


def _check_validate(context: SelfTestContext) -> str | None:
    result = _loaded(context)
    problems = [*result.problems, *check_headers(result.kit)]
    summary = count_summary(problems)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise CheckFailed(f"{summary}; first: {errors[0].format()}")
    return summary


def _loaded(context: SelfTestContext) -> LoadResult:
    if context.result is None:
        raise CheckSkipped("the kit did not load")
    return context.result


def _check_window(context: SelfTestContext) -> str | None:
    """Build the real main window offscreen and render every tab that the kit shows."""
    result = _loaded(context)
    from app.media.headless import ensure_headless_app

    ensure_headless_app()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.model.opening import OpenedKit
    from app.settings import Settings
    from app.views.application import create_application
    from app.views.main_window import MainWindow

    if not isinstance(QApplication.instance(), QApplication):
        raise CheckFailed("a non-widget Qt application is already running")
    create_application()  # the running instance, given the app's style and stylesheet
    # A throwaway settings file: the self-test must not touch the person's settings.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="presskit-selftest-") as folder:
        settings = Settings(QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat))
        window = MainWindow(settings)
        window.show_kit(OpenedKit(context.kit_path, result), remember=False)
        window.resize(1280, 800)
        window.show()
        rendered = []
        for index in range(window.tab_widget.count()):
            if not window.tab_widget.isTabVisible(index):
                continue
            window.tab_widget.setCurrentIndex(index)
            QApplication.processEvents()
            image = window.grab().toImage()
            if image.isNull() or image.width() < 100:
                raise CheckFailed(f"the {window.tab_widget.tabText(index)} tab did not render")
            rendered.append(window.tab_widget.tabText(index))
        window.close()
        window.deleteLater()
        QApplication.processEvents()
    from app.views.icons import ICON_FONT_PREFIX, icon

    # The bundle keeps one icon font (the spec trims the others): it must load and draw.
    if icon(f"{ICON_FONT_PREFIX}.play").pixmap(32, 32).isNull():
        raise CheckFailed(f"the {ICON_FONT_PREFIX} icon font did not load")
    return f"rendered {len(rendered)} tabs: {', '.join(rendered)}"


TRAILER_FRAMES = 10


def _check_trailer(context: SelfTestContext) -> str | None:
    """The multimedia backend works and the kit's trailer (the video the booth plays) decodes
    through the real player.

    Frames are counted as they reach a video sink, through ``TrailerPlayer`` and its
    first-frame watchdog: an undecodable trailer fails within seconds instead of hanging.
    """
    result = _loaded(context)
    trailer = result.kit.trailer
    if trailer is None:
        raise CheckSkipped("the kit has no trailer")
    if trailer.file is None:
        raise CheckFailed(f"the trailer cannot be used: {trailer.problem}")
    return _probe_video(trailer, TRAILER_FRAMES)


VIDEO_FRAMES = 3


def _check_videos(context: SelfTestContext) -> str | None:
    """Every other video of the kit decodes too: a journalist may play any of them. A few
    frames each keep a kit of many videos quick; the trailer check has proved the backend."""
    result = _loaded(context)
    kit = result.kit
    if not kit.videos:
        raise CheckSkipped("the kit has no video")
    others = [video for video in kit.videos if video is not kit.trailer]
    if not others:
        # Passes rather than skips: the kit's one video is checked, by the trailer check.
        return "the kit's only video is the trailer, checked above"
    failures: list[str] = []
    for video in others:
        try:
            _probe_video(video, VIDEO_FRAMES)
        except CheckFailed as exc:
            failures.append(str(exc))
    if failures:
        raise CheckFailed("; ".join(failures))
    return f"{len(others)} more video{'s' if len(others) > 1 else ''} decoded"


def _probe_video(video: Video, frames: int) -> str:
    if video.file is None:
        raise CheckFailed(f"{video.file_text or 'the video'} cannot be used: {video.problem}")
    from app.media.headless import ensure_headless_app

    ensure_headless_app()
    from PySide6.QtMultimedia import QMediaPlayer

    if not QMediaPlayer().isAvailable():
        raise CheckFailed("no Qt Multimedia backend is available (is the FFmpeg plugin bundled?)")
    from app.media.frame_probe import probe_video_frames

    probe = probe_video_frames(video.file.path, wanted_frames=frames)
    if probe.error is not None:
        raise CheckFailed(f"{video.file.relative}: {probe.error} ({probe.frames} frames)")
    return (
        f"{probe.frames} frames of {video.file.relative} decoded "
        f"({probe.width}×{probe.height}) in {probe.elapsed_ms} ms"
    )


STILLS_WINDOW = (1280, 800)
STILLS_TIMEOUT_S = 30.0
# Each accepted still format, as written by Qt at run time (the frozen bundle has no test
# fixtures), with the colour a decode must give back.
STILL_FORMATS = (("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"))


def _check_stills(context: SelfTestContext) -> str | None:
    """The thumbnails visible in the stills grid are made through the real pipeline (the grid's
    own ThumbnailLoader and thread pool, into a throwaway cache), and one image of each
    accepted format decodes."""
    result = _loaded(context)
    from app.media.headless import ensure_headless_app

    ensure_headless_app()
    import tempfile

    with tempfile.TemporaryDirectory(prefix="presskit-selftest-stills-") as folder:
        formats = _decode_each_format(Path(folder))
        if not result.kit.stills:
            return f"the kit has no stills; {formats}"
        made = _make_visible_thumbnails(result, Path(folder))
    return f"{made}; {formats}"


def _decode_each_format(folder: Path) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage

    from app.media.images import ImageDecodeError, decode_to_fit

    colour = QColor(40, 120, 200)
    for image_format, suffix in STILL_FORMATS:
        image = QImage(96, 64, QImage.Format.Format_RGB32)
        image.fill(colour)
        path = folder / f"sample.{suffix}"
        # The format is a str: PySide6 refuses the bytes its stubs ask for (see thumbnails.py).
        if not image.save(str(path), image_format, 95):  # type: ignore[call-overload]
            raise CheckFailed(f"cannot write a {image_format} image (is its image plugin bundled?)")
        try:
            decoded = decode_to_fit(path, QSize(48, 48))
        except ImageDecodeError as exc:
            raise CheckFailed(f"a {image_format} image {exc}") from None
        pixel = decoded.pixelColor(decoded.width() // 2, decoded.height() // 2)
        drift = max(
            abs(pixel.red() - colour.red()),
            abs(pixel.green() - colour.green()),
            abs(pixel.blue() - colour.blue()),
        )
        if (decoded.width(), decoded.height()) != (48, 32) or drift > 12:
            raise CheckFailed(
                f"a {image_format} image decoded wrongly ({decoded.width()}×{decoded.height()}, "
                f"centre {pixel.name()} instead of {colour.name()})"
            )
    return "JPEG, PNG and WebP decode"


def _make_visible_thumbnails(result: LoadResult, folder: Path) -> str:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

    from app.model.thumbnail_cache import ThumbnailCache
    from app.settings import Settings
    from app.views.stills_tab import StillsTab

    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    # An empty cache of its own: every visible thumbnail is decoded, none read back.
    tab = StillsTab(result.kit, settings, host, thumbnail_cache=ThumbnailCache(folder / "cache"))
    layout.addWidget(tab)
    host.resize(*STILLS_WINDOW)
    started = time.perf_counter()
    host.show()
    try:
        visible: list[int] = []
        deadline = started + STILLS_TIMEOUT_S
        while True:
            QApplication.processEvents()
            model, view = tab.model, tab.view
            rows = view.viewport_rows() if view is not None else None
            if model is not None and rows is not None and rows[0]:
                visible = rows[0]
                if all(row in model.thumbnails or row in model.problems for row in visible):
                    break
            if time.perf_counter() > deadline:
                raise CheckFailed(
                    f"the visible thumbnails were not made within {STILLS_TIMEOUT_S:.0f} s"
                )
            time.sleep(0.005)
        elapsed_ms = (time.perf_counter() - started) * 1000
        assert model is not None
        broken = [
            f"{model.stills[row].file_text}: {model.problems[row]}"
            for row in visible
            if row in model.problems
        ]
        if broken:
            raise CheckFailed(f"{len(broken)} visible stills cannot be shown; first: {broken[0]}")
        threads = model.loader.pool.maxThreadCount()
    finally:
        tab.shutdown()
        host.close()
        host.deleteLater()
        QApplication.processEvents()
    return (
        f"{len(visible)} visible thumbnails of {len(result.kit.stills)} made in "
        f"{elapsed_ms:.0f} ms on {threads} threads"
    )


def _check_export(context: SelfTestContext) -> str | None:
    """A one-still story pack of the kit written by the real engine (the PDFs included) into a
    temporary folder, and the still's metadata read back as a newsroom would find it."""
    kit = _loaded(context).kit
    from app.media.headless import ensure_headless_app
    from app.media.story_pack.writer import PackRefused, PackWriteError, write_pack
    from app.model.image_metadata import read_metadata
    from app.model.story_pack import PackOptions, plan_pack
    from app.model.times import SystemWallClock

    ensure_headless_app()
    now = SystemWallClock().utc_now()
    free = [n for n, still in enumerate(kit.stills, 1) if not kit.under_embargo(still, now)]
    plan = plan_pack(kit, PackOptions(stills=tuple(free[:1])), now)
    if plan.refused is not None or not plan.items:
        raise CheckSkipped(f"no still may be exported: {plan.refused or 'the kit has none'}")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="presskit-selftest-export-") as folder:
        out = Path(folder) / "pack"
        try:
            result = write_pack(kit, plan, out, lambda done, total: None, lambda: False)
        except (PackRefused, PackWriteError) as exc:
            raise CheckFailed(f"{plan.items[0].label}: {exc}") from None
        item = plan.items[0]
        found = read_metadata(out / item.name)
        wanted = item.fields
        for name in ("caption", "credit", "photographer", "copyright", "usage", "alt", "title"):
            if getattr(found, name) != getattr(wanted, name):
                raise CheckFailed(
                    f"{item.name}: {name} read back as {getattr(found, name)!r}, "
                    f"written as {getattr(wanted, name)!r}"
                )
        missing = [name for name in result.files if not (out / name).is_file()]
        if missing:
            raise CheckFailed(f"the pack lacks {', '.join(missing)}")
    return f"{item.label} exported with {len(result.files)} files; its metadata reads back"


def _check_booth_qr(context: SelfTestContext) -> str | None:
    """Booth mode's take-the-kit-home QR code is made (segno) and drawn (Qt) in this build."""
    from app.media.headless import ensure_headless_app

    ensure_headless_app()
    from app.views.booth.qr_code import self_check

    return self_check()


def _check_text(context: SelfTestContext) -> str | None:
    """Collation and case mapping, which need ICU's data (trimmed in the Linux bundle)."""
    from app.media.text_services import COLLATION_CASES, text_services_problems

    problems = text_services_problems()
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"collation in {len(COLLATION_CASES)} locales and locale-aware case mapping work"


CHECKS: list[tuple[str, CheckFunction]] = [
    ("load", _check_load),
    ("validate", _check_validate),
    ("window", _check_window),
    ("trailer", _check_trailer),
    ("videos", _check_videos),
    ("stills", _check_stills),
    ("export", _check_export),
    ("booth qr", _check_booth_qr),
    ("text", _check_text),
]


def run_checks(kit_path: Path) -> dict[str, object]:
    context = SelfTestContext(kit_path)
    try:
        checks = _run_each(context)
    finally:
        if context.opened is not None:
            context.opened.close()
    kit_title = context.result.kit.film.title if context.result else None
    return {
        "kit": kit_title,
        "kit_path": str(kit_path),
        "app": __version__,
        "qt": _qt_version(),
        "pyside6": _pyside_version(),
        "python": platform.python_version(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "checks": checks,
        "passed": all(c["status"] != FAIL for c in checks),
    }


def _run_each(context: SelfTestContext) -> list[dict[str, object]]:
    checks: list[dict[str, object]] = []
    for name, function in CHECKS:
        started = time.perf_counter()
        entry: dict[str, object] = {"name": name}
        try:
            detail = function(context)
            entry["status"] = PASS
        except CheckSkipped as exc:
            entry["status"], detail = SKIP, str(exc)
        except CheckFailed as exc:
            entry["status"], detail = FAIL, str(exc)
        except Exception as exc:  # a bug in the app is exactly what a self-test must report
            log.exception("self-test check %s crashed", name)
            entry["status"], detail = FAIL, f"{type(exc).__name__}: {exc}"
        entry["ms"] = round((time.perf_counter() - started) * 1000)
        if detail:
            entry["detail"] = detail
        checks.append(entry)
    return checks


def run_self_test(kit: Path | None) -> int:
    from app.media.native_stderr import native_stderr_to_log

    # The window and trailer checks start Qt Multimedia and FFmpeg, which talk on stderr;
    # their lines go to the log file, and stderr keeps the app's own.
    with native_stderr_to_log():
        report = run_checks(kit if kit is not None else paths.bundled_kit_dir())
    print(json.dumps(report, ensure_ascii=False))
    return EXIT_OK if report["passed"] else EXIT_FAILURE


def _qt_version() -> str | None:
    try:
        from PySide6.QtCore import qVersion
    except ImportError:
        return None
    return str(qVersion())


def _pyside_version() -> str | None:
    try:
        import PySide6
    except ImportError:
        return None
    return str(PySide6.__version__)
