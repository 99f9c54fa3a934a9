"""The product's theme over Material for MkDocs: templates, language fixes, stylesheet,
scripts and images. It ships in the package as ``site_builder.theme``; the plugin puts it
in front of Material's own templates (:func:`site_builder.build.theme.use_product_theme`), and
an agency's own ``custom_dir`` still comes before it."""
