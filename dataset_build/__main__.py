"""Entry point of `python -m dataset_build`."""
import sys

from .cli import main

sys.exit(main())
