"""`python -m sendfolio` runs the command line (or the app: `sendfolio.launch`).

Guarded, so the worker processes a long compile starts (they import the main module) run nothing.
"""

from sendfolio.launch import main

if __name__ == "__main__":
    main()
