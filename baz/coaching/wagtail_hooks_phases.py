"""Admin hooks of the phase parts (sessions, materials, agreements, report)."""
