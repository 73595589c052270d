"""Per-platform rules: spans (links, mentions, graphemes), counting, the fold, threads, check."""
