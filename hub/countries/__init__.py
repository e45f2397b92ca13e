"""Countries: ISO codes, multilingual names, CIS status and creative-economy indicators."""
