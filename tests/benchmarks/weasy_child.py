"""Child program of the benchmarks: WeasyPrint alone turning an HTML file into a PDF.

Usage: python weasy_child.py IN.html OUT.pdf

The HTML is the standalone copy `sendfolio portfolio --html` writes (the print
stylesheet inlined); it is laid out with the same system fonts, with the styles folder
as base URL, and nothing of sendfolio is imported. This is the floor the whole
`sendfolio portfolio` command is compared with.
"""

from __future__ import annotations

import sys
from pathlib import Path

STYLES_DIR = Path(__file__).resolve().parents[2] / "styles"
"""The folder the portfolio's stylesheet (and any url() in it) resolves against."""


def main() -> None:
    """Render the HTML file to the PDF path and print the page count."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    fonts = FontConfiguration()
    document = HTML(filename=str(source), base_url=STYLES_DIR.as_uri() + "/").render(font_config=fonts)
    document.write_pdf(target)
    print(len(document.pages))


if __name__ == "__main__":
    main()
