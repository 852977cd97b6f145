"""The command-line commands, one module per area."""
