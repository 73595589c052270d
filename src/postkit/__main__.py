"""``python -m postkit``: the same command line as the ``postkit`` script."""

from postkit.cli import main

main()
