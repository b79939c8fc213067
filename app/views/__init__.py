"""Widgets: the main window, one module per tab, the still viewer."""
