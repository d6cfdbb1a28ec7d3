"""Forms of the coaching app, one module per part (as `baz.coaching.services`).

- `trajectories`: the public request, the coaches' forms on a trajectory (step, coaches,
  phase plans, notes, analysis, map consent, inviting a requester) and the message form;
- `sessions`: sessions, attendance, materials and the public evaluation form;
- `agreements`: an agreement and its status.
"""
