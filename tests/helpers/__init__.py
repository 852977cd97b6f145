"""Helpers the tests share (imported by name; fixtures stay in the conftest files).

- `dates`: the fixed 'today' of tests that need one;
- `tui`: driving the real app with Textual's Pilot, and a sample case.
"""
