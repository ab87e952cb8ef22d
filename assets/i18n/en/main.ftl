# nkmap: the interface's words in English. One file per part of the app; ids are
# kebab-case and start with the part's name where a part owns them.

data-as-of = Data as of { $date }

## Details panel
details-province-why = Why this province
details-former-ids = Former id
details-disputed = Disputed
details-province-dispute = Province: { $province } according to { $source }
data-as-of-hint = The newest publication date among the bundled sources: nothing reported after it is on the map.
