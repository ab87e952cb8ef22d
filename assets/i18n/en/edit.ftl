# The record editor's refusals when Save is pressed (src/edit.rs).

edit-no-source = A source is required: choose an existing source or add a new one before saving.
edit-field-problem = { $field }: { $problem }
edit-source-date = Source date
edit-unknown-source = The source '{ $id }' is not known; choose another.
edit-new-source-incomplete = The new source needs a publisher and a title (a description in [brackets] when it has none).
edit-no-locator = Say where in the source the claim is (locator), e.g. "para 5" or "photo caption".
edit-site-no-name = The site needs a name.
edit-flow-no-who = The flow needs to say who is mobilized.
edit-site-no-place = The site needs a place (a county or city in any spelling).
edit-flow-no-place = The flow needs a place it comes from.
edit-cohort-not-year = Cohort '{ $value }' is not a year
edit-not-a-number = { $field } '{ $value }' is not a number
edit-flow-no-destination = The flow needs at least one destination.
edit-not-read-back = the record '{ $id }' could not be read back
