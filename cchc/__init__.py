"""cchc: tools for Vietnamese provincial administrative-reform (CCHC) plans kept as YAML."""

__version__ = "0.1.0"
