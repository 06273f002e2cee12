"""The Kaggle submission: notebook, utility-script and wheels builders, metadata, and the local gateway."""
