"""Filling templates: the Jinja environment, sections, voices, emoji/NFC finishing, hashtags."""
