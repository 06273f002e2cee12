"""Limits on the text `svgllm` is asked to draw, shared by every entry point (the model, the server, the CLI)."""

# The competition's descriptions are 1 to 200 characters (~50 on average): see shared/competition/README.md.
MIN_DESCRIPTION_CHARS = 1
MAX_DESCRIPTION_CHARS = 200
# `predict` never refuses: it keeps this much of a longer description (a generous margin over the competition's
# 200, for other users' prose) and cuts the rest; the server refuses beyond MAX_DESCRIPTION_CHARS instead.
KEPT_DESCRIPTION_CHARS = 5 * MAX_DESCRIPTION_CHARS
