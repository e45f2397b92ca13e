"""Durable jobs on both databases: declared with ``@job``, queued in the caller's transaction.

``definition`` declares jobs, ``queue`` claims and settles them, ``runner`` runs them,
``wakeup`` wakes idle workers. See docs/jobs.md for why the queue is a table of our own.
"""
