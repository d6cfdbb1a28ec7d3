"""Writes of the coaching app, one module per part of a trajectory.

- `trajectories`: requests, the state machine, coaches, phase plans, notes, analysis, messages;
- `sessions`: training sessions, invitations with iCalendar files, evaluations, materials,
  the private calendar feed;
- `agreements`: agreements, reminders, the final report, retention.
"""
