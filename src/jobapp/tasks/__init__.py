"""Runs as durable tasks: a queue (Huey on SQLite or Redis), live progress events, per-step timings,
retries of transient errors, cancellation and recovery of runs whose worker died.

Entry points: :mod:`jobapp.tasks.runs` (create / enqueue / execute / cancel / read runs),
:mod:`jobapp.tasks.queue` (consumers: ``start_inprocess_consumer``, ``run_worker``),
:mod:`jobapp.tasks.format` (rich tables for the CLI).
"""
