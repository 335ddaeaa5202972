"""The runner: notebooks executed with papermill, HTML reports and their index, benchmarks
and synthetic data folders.

May import: every other subpackage.
"""
