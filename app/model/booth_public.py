"""What a public screen may show of a kit at a given moment: the kit without its embargoed media.

Booth mode is a public screen: a passer-by may photograph it, so every still, video and piece of
artwork still under embargo stays off it until the embargo passes (the viewer, used by a
journalist, shows them with a badge instead). Every part of the booth — the attract loop and the
tabs of visitor mode — is built from the one kit this module makes, so no view can forget the
rule; the booth makes it again at every reset, which is when material whose embargo has passed
appears.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import NamedTuple

from app.model.kit import PressKit

log = logging.getLogger(__name__)


class PublicKit(NamedTuple):
    kit: PressKit  # the kit as a public screen shows it
    withheld: int  # how many stills, videos and artworks were left out

    def same_media(self, other: PublicKit | None) -> bool:
        """True when ``other`` shows exactly the same media (nothing to rebuild for)."""
        return (
            other is not None
            and self.kit.stills == other.kit.stills
            and self.kit.videos == other.kit.videos
            and self.kit.artwork == other.kit.artwork
        )


def public_kit(kit: PressKit, now: dt.datetime) -> PublicKit:
    """``kit`` with every still, video and artwork under embargo at ``now`` (aware) left out.

    Artwork has no terms of its own, so it goes only while the kit as a whole is under embargo.
    The film's key art stays: the title card and the overview are the film's public face, and a
    kit may not name key art that it cannot show before its embargo.
    """
    stills = kit.public_stills(now)
    videos = tuple(video for video in kit.videos if not kit.under_embargo(video, now))
    artwork = tuple(art for art in kit.artwork if not kit.under_embargo(art, now))
    withheld = (
        len(kit.stills) - len(stills) + len(kit.videos) - len(videos)
        + len(kit.artwork) - len(artwork)
    )  # fmt: skip
    if withheld:
        log.info(
            "public screen: %d still(s), %d video(s) and %d artwork(s) under embargo left out",
            len(kit.stills) - len(stills),
            len(kit.videos) - len(videos),
            len(kit.artwork) - len(artwork),
        )
        kit = kit._replace(stills=stills, videos=videos, artwork=artwork)
    return PublicKit(kit, withheld)
