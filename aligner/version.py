"""The package version, in a module of its own so that any layer may read it without importing
`aligner/__init__.py` (which imports the whole pipeline)."""

__version__ = "0.1.0"
