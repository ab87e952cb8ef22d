# nkmap: the interface's words in English. One file per part of the app; ids are
# kebab-case and start with the part's name where a part owns them.

data-as-of = Data as of { $date }
