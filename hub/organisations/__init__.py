"""Organisations: studios, universities, funds, technoparks, agencies and the rest."""
