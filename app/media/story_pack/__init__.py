"""The story pack: a journalist's export of a kit, every file carrying its caption, credit
and terms (the engine, its plan and writer, and the one-sheet and contact sheet PDFs).

What goes in is planned Qt-free, in ``app.model.story_pack``; ``writer`` writes it;
``one_sheet`` and ``contact_sheet`` make the PDFs; ``web_image`` makes web-size JPEGs."""
