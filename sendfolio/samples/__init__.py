"""Fictional folios: the demo a newcomer explores, and large generated archives for benchmarks."""
