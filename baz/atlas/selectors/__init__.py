"""Reads of the atlas, one module per concern (writes are in `baz.atlas.services`).

- `filters`: the filter contract (`atlas_filters_parse`, `AtlasFilters`);
- `entries`: published entries for a filter state, pages, exports, one entry's page;
- `map`: points and grid clusters for a map view;
- `municipalities`: where BAZ is active, counts and profiles per municipality;
- `moderation`: the moderators' queue and lists;
- `reminders`: who gets the freshness reminders and the daily digest;
- `contribute`: where a person may add an entry in /mijn/.
"""
