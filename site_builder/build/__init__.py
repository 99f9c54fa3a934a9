"""The MkDocs adapter: the plugin's events (:mod:`.plugin`), the session that lives from one
build to the next and the build under way (:mod:`.session`), what ``serve`` takes from the
last build (:mod:`.rebuild`), the staged output (:mod:`.output`), the build's stamp
(:mod:`.stamp`), the theme's settings (:mod:`.theme`) and MkDocs' files (:mod:`.files`).
The core (load, model, render) knows none of it; the commands read only its theme settings
and its stamp."""
