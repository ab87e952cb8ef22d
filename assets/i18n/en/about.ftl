# Help > About and `nkmap --version`: which build this is and what data it carries.

about-version-line = nkmap { $version } (commit { $commit }), data as of { $date }
about-unknown = unknown
help-menu = Help
about-menu-item = About nkmap
about-title = About nkmap
about-tagline = A map of North Korea's regional construction projects under the 20×10 policy for regional development, and of the reports behind every mark.
about-version = Version
about-commit = Commit
about-data-as-of = Data as of
about-data-as-of-hint = The newest publication date among the bundled sources.
about-credits = Credits
about-licence = nkmap is free software under the MIT or the Apache 2.0 licence.
about-readme = README: how to use nkmap
about-data-format = Data format: writing your own files
about-copy-version = Copy version
about-close = Close
