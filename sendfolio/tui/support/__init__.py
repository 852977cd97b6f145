"""sendfolio.tui.support"""
