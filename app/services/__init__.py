"""What the program does, without Qt: each module one topic, each function one use case.

Importing the package registers the search-index hook, so every ORM write that touches a
customer keeps the search tables in step.
"""

from . import search_index as _search_index  # noqa: F401
