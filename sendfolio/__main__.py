"""`python -m sendfolio` runs the command line.

Guarded, so the worker processes a long compile starts (they import the main module) run nothing.
"""

from sendfolio.cli import main

if __name__ == "__main__":
    main()
