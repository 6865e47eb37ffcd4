"""The commands: the command line, and what each command does beyond building (serve, deploy, init, add, authors)."""
