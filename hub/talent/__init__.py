"""The Talent Factory: programmes, applications, mentors and verified skills."""
