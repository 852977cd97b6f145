"""The pure core: records and their fields, the standards as data, statutory timescales. See docs/ARCHITECTURE.md."""
