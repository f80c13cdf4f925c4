"""``python -m pipeline`` is the ``vnie`` command."""
from .cli import main

main()
