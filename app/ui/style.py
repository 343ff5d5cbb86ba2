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
