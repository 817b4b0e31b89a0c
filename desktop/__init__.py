"""Drug Guide: an offline drug reference and symptom checker for clinic workstations."""

__version__ = "0.1.0"
