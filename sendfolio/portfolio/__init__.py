"""sendfolio.portfolio"""
