"""Writing the site. The names of what a build leaves in an output folder live here, so
the no-op check (incremental/stamp.py) can know them without importing the writer."""

MARKER = ".bulletin-output"      # written by bulletin, and complete: a folder it may replace
MANIFEST = ".bulletin-manifest"  # what each file of the folder is (manifest.py)
