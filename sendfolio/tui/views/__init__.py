"""sendfolio.tui.views"""
