"""Many posts at once: input formats, row validation, one row's drafting, workers, atomic output."""
