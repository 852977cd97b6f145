"""Helpers the tests share (imported by name; fixtures stay in the conftest files).

- `dates`: the fixed 'today' of tests that need one;
- `tui`: driving the real app with Textual's Pilot, and a sample case;
- `signing`: signing a PDF with a self-signed digital ID made at run time;
- `folios`: small real folios of the demo's profile and only the records a test is about;
- `shared`: files built once per run (under a lock, whichever xdist worker asks first) and read by many tests.
"""
