"""Joint projects: their teams, budgets and the open roles they are hiring for."""
