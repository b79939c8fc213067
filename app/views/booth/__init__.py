"""Booth mode: a locked full-screen kiosk with an attract loop (imported only for --booth)."""
