"""sendfolio.tui.screens"""
