"""Crowdfunding and patronage: campaigns, reward tiers, pledges, payments and the ledger."""
