"""sendfolio.tui.widgets"""
