"""The collaboration graph: creators linked by the projects they share, and country pairs."""
