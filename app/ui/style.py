"""The few style rules the window adds to the platform's own look, by objectName."""

MAIN_WINDOW = """
#navigation {
    border: none;
    border-right: 1px solid palette(mid);
    background: palette(window);
    padding-top: 8px;
    outline: 0;
}
#navigation::item {
    padding: 9px 18px;
    margin: 1px 8px;
    border-radius: 5px;
}
#navigation::item:selected {
    background: palette(highlight);
    color: palette(highlighted-text);
}
#navigation::item:hover:!selected {
    background: palette(midlight);
}
#mainToolBar {
    spacing: 8px;
    padding: 4px 8px;
    border-bottom: 1px solid palette(mid);
}
#globalSearch {
    padding: 4px 8px;
    min-height: 20px;
}
#readOnlyBanner {
    background: #fff4ce;
    border-bottom: 1px solid #e3c565;
}
#readOnlyBanner QLabel {
    color: #4d3b00;
}
#pageTitle {
    font-size: 20px;
    font-weight: 600;
}
#pagePlaceholder {
    color: #6b6b6b;
    font-size: 14px;
}
#statusLocation, #statusMode, #statusUser {
    padding: 0 8px;
}
"""


# Forms and their dialogs: headers, inline field errors, placeholders.
FORM = """
#headerName { font-size: 20px; font-weight: 600; }
#headerFacts, QLabel[caption="true"] { color: palette(placeholder-text); }
QLabel[placeholder="true"] { color: palette(placeholder-text); font-size: 14px; }
QLabel[fieldError="true"] { color: #c42b1c; }
QLabel[total="true"] { font-size: 16px; font-weight: 600; }
QLabel[total="true"][warn="true"] { color: #c42b1c; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {
    border: 1px solid #c42b1c; border-radius: 3px; padding: 2px;
}
#deletedBanner { background: #fde7e9; color: #8a1c1c; padding: 6px 10px; }
#quickEditor { background: palette(alternate-base); }
"""
