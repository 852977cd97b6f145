"""sendfolio.io"""
