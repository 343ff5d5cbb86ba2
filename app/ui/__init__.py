"""The window layer: Qt widgets, dialogs and the operation runner over app.services.

Nothing outside this package imports Qt. Widgets stay thin: they ask for work through
``app.ui.operations.Operation`` and show what comes back.
"""
