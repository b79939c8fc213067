"""The trailer's widgets, each file one job (as picard splits its player from its toolbar).

- ``video_canvas``: the poster view and the video canvas with its caption overlay — used by
  the Trailer tab and by the booth's attract loop alike;
- ``controls``: the seek slider and the controls row bound to a ``TrailerPlayer``;
- ``full_screen``: the stage that goes full screen and the window that borrows it;
- ``trailer_tab``: the tab that puts them together, with its settings and key map.

Every front end talks to one ``app.media.trailer_player.TrailerPlayer`` and loads the kit's
trailer with its one call, ``load_trailer``.
"""
