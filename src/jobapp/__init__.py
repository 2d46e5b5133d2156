"""Job App Assistant: rank job offers for a CV, locally."""

__version__ = "0.1.0"
