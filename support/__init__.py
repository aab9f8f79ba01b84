"""Helpers shared by tests/ and benchmarks/: a real app process, Chromium, and Dash callback requests."""
