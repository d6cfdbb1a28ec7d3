"""Front-end views of the coaching app, one module per part (as `baz.coaching.services`).

- `trajectories`: the public explanation, the request form, the map "Waar is BAZ actief" and
  the municipality's workspace pages in /mijn/coaching/;
- `sessions`: the evaluation form, the private calendar feed, session files, the feed link and
  material downloads;
- `agreements`: the status of an agreement and the report (HTML and PDF).

Views stay thin: they pass on what a person submitted to one service and show what a selector
returns. `baz.coaching.urls` routes them.
"""
