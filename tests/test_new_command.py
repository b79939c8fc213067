"""``presskit new DIR``: a manifest from a folder of real stills (metadata written by exiftool)
and real clips (made by ffmpeg), then validated; exit codes; names and text that YAML could
misread."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
import yaml

from app.main import main
from app.model.loader import load_press_kit
from tests.kit_new_media import make_clip, make_still, needs_exiftool, needs_ffmpeg
from tests.test_cli import assert_no_traceback, run_cli

UTF8 = "Ærø Ødegård — Zoë"
HOSTILE = 'Ola: "yes", 1.10 — it\'s #1\nsecond line'


@pytest.fixture(autouse=True)
def private_log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def new(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = main(["new", *args])
    out, err = capsys.readouterr()
    assert_no_traceback(out, err)
    return status, out.splitlines(), err


@needs_exiftool
def test_captions_come_from_the_images_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "Night Orbit"
    make_still(
        kit / "stills" / "01-xmp.jpg",
        "jpeg",
        48,
        32,
        f"-XMP-dc:Description={HOSTILE}",
        "-XMP-photoshop:Credit=Photo: Kari Example",
        f"-XMP-dc:Creator={UTF8}",
        "-XMP-dc:Rights=© 2030 Example",
        "-XMP-xmpRights:UsageTerms=Editorial use only",
        "-XMP-iptcCore:AltTextAccessibility=A dark blue frame",
        "-XMP-iptcExt:PersonInImage=Ola Example",
        "-XMP-iptcExt:PersonInImage=yes",
        # IIM says otherwise: XMP comes first, as the Metadata Working Group orders them.
        "-IPTC:Caption-Abstract=the older IIM caption",
    )
    make_still(
        kit / "stills" / "02-iim.jpg",
        "jpeg",
        48,
        32,
        "-IPTC:CodedCharacterSet=UTF8",
        f"-IPTC:Caption-Abstract=IIM: {UTF8}",
        "-IPTC:Credit=IIM credit",
        "-IPTC:By-line=IIM photographer",
        "-IPTC:CopyrightNotice=IIM copyright",
    )
    make_still(
        kit / "stills" / "03-exif.jpg",
        "jpeg",
        48,
        32,
        "-EXIF:ImageDescription=1.10",
        "-EXIF:Artist=EXIF photographer",
        "-EXIF:Copyright=EXIF copyright",
    )
    make_still(kit / "stills" / "04-none.png", "png")
    make_still(kit / "stills" / "05-xmp.webp", "webp-lossy", 48, 32, "-XMP-dc:Description=no")

    status, out, err = new(capsys, str(kit))

    assert status == 0, (out, err)
    assert out[0].startswith(f"wrote {kit / 'presskit.yaml'}: 5 stills, 0 videos")
    assert out[-1].startswith("0 errors, ")
    assert not any("schema" in line for line in out)  # the schema beside it upsets nothing
    stills = load_press_kit(kit).kit.stills
    assert [s.file_text for s in stills] == [
        "stills/01-xmp.jpg",
        "stills/02-iim.jpg",
        "stills/03-exif.jpg",
        "stills/04-none.png",
        "stills/05-xmp.webp",
    ]
    xmp, iim, exif, none, webp = stills
    assert (xmp.caption, xmp.credit, xmp.photographer) == (HOSTILE, "Photo: Kari Example", UTF8)
    assert (xmp.copyright, xmp.usage, xmp.alt) == (
        "© 2030 Example",
        "Editorial use only",
        "A dark blue frame",
    )
    assert xmp.people == ("Ola Example", "yes")
    assert (iim.caption, iim.credit, iim.photographer, iim.copyright) == (
        f"IIM: {UTF8}",
        "IIM credit",
        "IIM photographer",
        "IIM copyright",
    )
    assert (exif.caption, exif.photographer, exif.copyright) == (
        "1.10",
        "EXIF photographer",
        "EXIF copyright",
    )
    assert none.caption is None and none.credit is None
    assert webp.caption == "no"
    # The film's title is the folder's name, and both required texts are marked.
    text = (kit / "presskit.yaml").read_text(encoding="utf-8")
    assert load_press_kit(kit).kit.film.title == "Night Orbit"
    assert text.startswith("# yaml-language-server: $schema=presskit-1.1.schema.json\n")
    assert (kit / "presskit-1.1.schema.json").is_file()
    mask = os.umask(0o022)
    os.umask(mask)
    for made in ("presskit.yaml", "presskit-1.1.schema.json"):  # for others to read too
        assert stat.S_IMODE((kit / made).stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in kit.iterdir() if p.name.startswith(".")] == []


def test_todo_lines_are_warned_about_with_their_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit"
    make_still(kit / "a.jpg")
    status, out, _err = new(capsys, str(kit), "--title", "Yes: 1.10")
    assert status == 0
    lines = (kit / "presskit.yaml").read_text(encoding="utf-8").splitlines()
    marked = [n for n, line in enumerate(lines, 1) if line.endswith("# TODO")]
    assert len(marked) == 2  # the title and the synopsis
    expected = [f"presskit.yaml:{n}: warning: still to fill (TODO)" for n in marked]
    assert [line for line in out if "TODO" in line] == expected
    assert load_press_kit(kit).kit.film.title == "Yes: 1.10"
    # validate says the same, and stops saying it once the marks are gone.
    assert main(["validate", str(kit)]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if "TODO" in line] == expected
    (kit / "presskit.yaml").write_text(
        "\n".join(line.removesuffix("  # TODO") for line in lines) + "\n", encoding="utf-8"
    )
    assert main(["validate", str(kit)]) == 0
    assert "TODO" not in capsys.readouterr().out


def test_key_art_is_the_first_portrait_image_named_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit"
    make_still(kit / "art" / "a-poster-wide.jpg", "jpeg", 64, 32)  # landscape: not key art
    make_still(kit / "art" / "b-portrait.jpg", "jpeg", 32, 64)  # portrait, wrong name
    make_still(kit / "art" / "c-KeyArt.png", "png", 32, 64)
    make_still(kit / "art" / "d-key-art.jpg", "jpeg", 32, 64)
    assert new(capsys, str(kit))[0] == 0
    assert load_press_kit(kit).kit.film.key_art.relative == "art/c-KeyArt.png"  # type: ignore[union-attr]

    # A landscape-stored photo whose EXIF says "turn it a quarter": shown, and judged, portrait.
    turned = tmp_path / "turned"
    make_still(turned / "poster-landscape.jpg", "jpeg", 64, 32)
    make_still(turned / "poster-turned.jpg", "jpeg", 64, 32, "-EXIF:Orientation#=6")
    assert new(capsys, str(turned))[0] == 0
    assert load_press_kit(turned).kit.film.key_art.relative == "poster-turned.jpg"  # type: ignore[union-attr]

    other = tmp_path / "other"
    make_still(other / "poster.jpg", "jpeg", 64, 32)
    assert new(capsys, str(other))[0] == 0
    assert load_press_kit(other).kit.film.key_art is None


def test_natural_order_and_hostile_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit"
    names = [
        "still 2.jpg",
        "still 10.jpg",
        "Still 3.jpg",
        "still: one #1.jpg",
        f"{UTF8}.png",
        "- dash.jpg",
        "yes.jpg",
        "1.10.jpg",
        "sub/still 1.jpg",
    ]
    for name in names:
        make_still(kit / name, "png" if name.endswith(".png") else "jpeg")
    make_still(kit / ".hidden.jpg")
    make_still(kit / "__MACOSX" / "._still.jpg")
    make_still(kit / ".git" / "x.jpg")
    (kit / "notes.txt").write_text("not media", encoding="utf-8")
    (kit / "broken.jpg").write_bytes(b"not a jpeg at all")
    os.mkfifo(kit / "fifo.jpg")  # must not hang the walk

    status, out, err = new(capsys, str(kit))

    assert status == 0, (out, err)
    files = [s.file_text for s in load_press_kit(kit).kit.stills]
    assert files == [
        "1.10.jpg",
        "- dash.jpg",
        "still 2.jpg",
        "Still 3.jpg",
        "still 10.jpg",
        "./still: one #1.jpg",  # written so, or the loader would take 'still:' for a URL
        "sub/still 1.jpg",
        "yes.jpg",
        f"{UTF8}.png",
    ]
    assert "broken.jpg: warning: left out: " in "\n".join(out)
    assert not any("fifo" in line or "hidden" in line for line in out)


@needs_ffmpeg
def test_videos_kinds_captions_and_codec_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit"
    clips = tmp_path / "clips"
    for name, source in (
        ("video/Official Trailer.mp4", "h264-aac.mp4"),
        ("video/teaser-2.webm", "vp9-opus.webm"),
        ("video/director_interview.mov", "h264-aac.mov"),
        ("video/B-Roll.mkv", "h264-aac.mkv"),
        ("video/featurette.mp4", "mpeg4.mp4"),
        ("video/scene.mp4", "h264-aac.mp4"),
    ):
        (kit / name).parent.mkdir(parents=True, exist_ok=True)
        if not (clips / source).exists():
            make_clip(clips, source)
        (kit / name).write_bytes((clips / source).read_bytes())
    (kit / "video" / "Official Trailer.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:00.400\nHello\n", encoding="utf-8"
    )
    (kit / "video" / "scene.en.srt").write_text(
        "1\n00:00:00,000 --> 00:00:00,400\nHello\n", encoding="utf-8"
    )

    status, out, err = new(capsys, str(kit))

    assert status == 0, (out, err)
    videos = load_press_kit(kit).kit.videos
    assert [(v.file_text, v.kind, v.title) for v in videos] == [
        ("video/B-Roll.mkv", "b-roll", "B Roll"),
        ("video/director_interview.mov", "interview", "Director interview"),
        ("video/featurette.mp4", "featurette", "Featurette"),
        ("video/Official Trailer.mp4", "trailer", "Official Trailer"),
        ("video/scene.mp4", "clip", "Scene"),
        ("video/teaser-2.webm", "teaser", "Teaser 2"),
    ]
    captions = {v.file_text: v.captions.relative if v.captions else None for v in videos}
    assert captions["video/Official Trailer.mp4"] == "video/Official Trailer.vtt"
    assert captions["video/scene.mp4"] == "video/scene.en.srt"
    assert captions["video/teaser-2.webm"] is None
    warned = {line.split(": warning: ")[0] for line in out if "plays everywhere" in line}
    assert warned == {"video/teaser-2.webm", "video/featurette.mp4"}
    text = "\n".join(out)
    assert "VP9 video and Opus audio" in text
    assert "MPEG-4 Part 2 video" in text


def test_an_existing_manifest_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit"
    make_still(kit / "a.jpg")
    (kit / "presskit.yaml").write_text("mine\n", encoding="utf-8")
    status, _out, err = new(capsys, str(kit))
    assert status == 2
    assert "already exists" in err and "presskit.yaml" in err
    assert (kit / "presskit.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (kit / "presskit-1.1.schema.json").exists()


@pytest.mark.parametrize("content", ["empty", "text only", "broken image"])
def test_a_folder_with_nothing_usable_gets_no_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    kit = tmp_path / "kit"
    kit.mkdir()
    if content == "text only":
        (kit / "readme.txt").write_text("hello", encoding="utf-8")
        make_still(kit / ".hidden.jpg")
    elif content == "broken image":
        (kit / "a.jpg").write_bytes(b"\xff\xd8\xff")
    status, _out, err = new(capsys, str(kit))
    assert status == 1
    assert "nothing written" in err
    assert sorted(p.name for p in kit.iterdir() if not p.name.startswith(".")) == (
        ["readme.txt"] if content == "text only" else ["a.jpg"] if content == "broken image" else []
    )


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(capsys, str(tmp_path / "missing"))[0] == 2
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert new(capsys, str(tmp_path / "file"))[0] == 2
    with pytest.raises(SystemExit):  # argparse's own exit, as main() reports it
        raise SystemExit(main(["new"]))
    assert "usage:" in capsys.readouterr().err


def test_the_manifest_is_plain_yaml_a_publicist_can_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit"
    make_still(kit / "stills" / "a.jpg")
    assert new(capsys, str(kit), "--title", "Night Orbit")[0] == 0
    text = (kit / "presskit.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["format"] == "presskit/1.1"
    assert data["film"]["title"] == "Night Orbit"
    assert data["stills"] == [{"file": "stills/a.jpg"}]
    assert re.search(r"^  title: Night Orbit  # TODO$", text, re.MULTILINE)


def test_as_a_real_process(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    make_still(kit / "a.jpg")
    completed = run_cli("new", str(kit))
    assert completed.returncode == 0, completed.stderr
    assert_no_traceback(completed.stdout, completed.stderr)
    assert completed.stdout.splitlines()[-1].startswith("0 errors, ")


def test_links_leaving_the_folder_are_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = make_still(tmp_path / "outside" / "secret.jpg")
    kit = tmp_path / "kit"
    make_still(kit / "a.jpg")
    (kit / "link.jpg").symlink_to(outside)
    (kit / "linked-folder").symlink_to(outside.parent, target_is_directory=True)
    (kit / "inside-link.jpg").symlink_to(kit / "a.jpg")
    status, out, _err = new(capsys, str(kit))
    assert status == 0
    assert "link.jpg: warning: left out: a link to outside the folder" in out
    files = [s.file_text for s in load_press_kit(kit).kit.stills]
    assert files == ["a.jpg", "inside-link.jpg"]


def test_a_folder_past_a_kits_size_is_refused_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.model.kit_new

    monkeypatch.setattr(app.model.kit_new, "MAX_FILES", 3)
    kit = tmp_path / "kit"
    for index in range(5):
        make_still(kit / f"{index}.jpg")
    status, _out, err = new(capsys, str(kit))
    assert status == 1
    assert "more than 3 media files" in err
    assert not (kit / "presskit.yaml").exists()


def test_a_new_kit_with_errors_keeps_its_manifest_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = tmp_path / "kit"
    (kit / "video").mkdir(parents=True)
    # A video whose header is sound but whose same-named captions are not WebVTT at all.
    (kit / "video" / "trailer.mp4").write_bytes(
        b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64
    )
    (kit / "video" / "trailer.vtt").write_text("not captions\n", encoding="utf-8")
    status, out, _err = new(capsys, str(kit))
    assert status == 1
    assert any(": error: " in line and "trailer.vtt" in line for line in out)
    assert "video/trailer.mp4: warning: it has no video or audio track that could be read" in out
    assert out[-1].startswith("1 error, ")
    assert (kit / "presskit.yaml").is_file()  # kept, for the publicist to fix
