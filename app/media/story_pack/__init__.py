"""The story pack: a journalist's export of a kit, every file carrying its caption, credit
and terms (the engine, its plan and writer, and the one-sheet and contact sheet PDFs)."""
