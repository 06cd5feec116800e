"""Stage 6 — briefings: segmentation, directives, time expressions, keywords."""
