"""Commands of this area (placeholder until its owner fills it)."""

COMMANDS: list = []
"""The click commands this module adds to `sendfolio`."""
