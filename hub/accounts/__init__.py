"""Accounts: users and their sessions, memberships and invitations, API keys, the audit log."""
