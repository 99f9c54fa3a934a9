"""The ``oit-site`` commands, one module each; :mod:`site_builder.cli` parses the command
line and calls them.

- :mod:`~site_builder.commands.init`: ``init [FOLDER]``, a new agency's site, asking in Thai
  for what the flags did not give;
- :mod:`~site_builder.commands.check`: ``check [YEAR]``, what is wrong or still missing, per
  fiscal year;
- :mod:`~site_builder.commands.new_year`: ``new-year YEAR``, a fiscal year's folder
  scaffolded from its framework;
- :mod:`~site_builder.commands.answers`: ``answers YEAR``, the answer sheet for the NACC's
  system;
- :mod:`~site_builder.commands.register`: ``register``, the site's URLs added to
  ``published-urls.txt``;
- :mod:`~site_builder.commands.schema`: ``schema``, the JSON Schemas editors' YAML files
  point at;
- :mod:`~site_builder.commands.publish`: ``publish``, what changed in ``site/`` sent to the
  agency's host;
- :mod:`~site_builder.commands.importing`: ``import REPORT``, an earlier report drafted into
  ``content/<year>/``;
- :mod:`~site_builder.commands.ci`: ``ci github|gitlab``, the CI file that checks, builds
  and publishes on every push;
- :mod:`~site_builder.commands.overview`: ``overview LIST``, many agencies' sites read into
  one overview;
- :mod:`~site_builder.commands.serve`: ``build`` and ``serve``, MkDocs' commands, and the
  editor's author asked once.

What they share: :mod:`~site_builder.commands.console` (text that fits 80 columns, the
answers typed, :class:`~site_builder.commands.console.Failure`) and
:mod:`~site_builder.commands.common` (the site's configuration and content, loaded as a
build loads them). No command imports the MkDocs adapter (:mod:`site_builder.build.plugin`).
"""
