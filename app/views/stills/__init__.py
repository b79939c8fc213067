"""The stills screen's parts: the grid's model, its view, and the export flow. The tab that puts
them together is ``app.views.stills_tab`` (where the tab list finds every tab)."""
