"""``oit-site overview``: many agencies' sites read from their published index and answer
sheets, and an overview of them written as a static site (a province's, a district's or a
vendor's view of who has not yet published what).

- :mod:`.sources`: the list of sites (CSV or YAML);
- :mod:`.fetch`: reading addresses, many at once, politely, with a cache for re-runs;
- :mod:`.read`: one site's index and answer sheet, checked, or the reason it could not be read;
- :mod:`.write`: the overview's pages, CSV and JSON.

Everything read from another site is untrusted text: it is validated by the models of
:mod:`site_builder.model.published` and escaped wherever it is written.
"""
