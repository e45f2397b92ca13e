"""Matchmaking: creators for roles, roles for creators, partners for organisations.

Every match is ranked in SQL by a weighted mean of factors and explained by the same
factors' sentences; see ``docs/matchmaking.md``.
"""
