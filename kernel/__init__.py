"""The Kaggle submission: the notebook, the utility-script and wheels builders, metadata, the local gateway, and
the dry run that emulates Kaggle (input layouts, a clean offline interpreter)."""
