"""Qt, but no widgets: media decoding and probing shared by the views and the command line."""
