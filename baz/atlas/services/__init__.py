"""Writes of the atlas: propose, confirm, moderate, publish, edit, archive, keep fresh.

One module per concern: `proposals`, `moderation`, `editing`, `freshness`, `digest`,
`baz_active`; what they share is in `common`. Reads are in `baz.atlas.selectors`.

Every state change goes through one function here. Each checks permissions itself
(`baz.accounts.permissions.require`), validates with `full_clean()` before saving and runs in
one transaction, so the e-mail it queues in the outbox is stored with the change or not at all.

`Entry.status` is what people see; Wagtail's `live` flag is what the admin shows. These
functions keep the two in step: only `gepubliceerd` is live. An owner's edit to a published
entry is saved as a Wagtail revision (the row keeps the published version) until a moderator
approves it. `Entry.version` goes up with every save: a save based on an older version is
refused with `ConflictError`, so two people never silently overwrite each other.
"""
