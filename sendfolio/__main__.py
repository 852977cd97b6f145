"""`python -m sendfolio` runs the command line."""

from sendfolio.cli import main

main()
