"""sendfolio: the case log, reflections, CPD diary and portfolio of a sole SEND mediator."""

__version__ = "0.1.0"
"""The version of sendfolio."""
