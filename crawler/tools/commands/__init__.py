"""Sub-commands of the `crawler` CLI; each module has ``register(subparsers)``."""
