"""sendfolio.privacy"""
