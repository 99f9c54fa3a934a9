"""``oit-site serve`` on the editor's own computer: the site as MkDocs serves it, and the
browser editor's saves answered by the product itself (Decap's local protocol, in Python),
each a git commit."""
