"""sendfolio.tui"""
