"""The story pack: a journalist's export of a kit's stills and artwork, each file carrying its
caption, credit and terms, with the kit's facts beside them.

``plan`` decides what goes in (Qt-free, in ``app.model.story_pack``); ``writer`` writes it;
``one_sheet`` and ``contact_sheet`` make the PDFs; ``web_image`` makes web-size JPEGs.
"""
