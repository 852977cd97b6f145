"""sendfolio.tui.dialogs"""
