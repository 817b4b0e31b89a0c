"""The triage evaluation: an independent corpus of calls and the figures it gives."""
