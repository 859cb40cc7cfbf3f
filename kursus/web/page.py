"""The served page: textual-serve's terminal front end (xterm.js in its textual.js), with
nothing loaded from elsewhere (textual-serve's own page fetches a font from Google) and
a strict Content-Security-Policy. Every value put into the page is escaped."""

from __future__ import annotations

import json
from html import escape


def json_string(text: str) -> str:
    """A JavaScript string literal for `text`, safe inside a <script> element."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",  # xterm.js styles its elements from script
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",  # the websocket to this same host and port
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the address holds the access token
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def page_html(
    *,
    lang: str,
    title: str,
    static_url: str,
    websocket_url: str,
    nonce: str,
    loading: str,
    ended: str,
    restart: str,
    server_gone: str,
    noscript: str,
    font_size: int = 16,
) -> str:
    e = escape  # quote=True: safe in text and in attribute values
    return f"""<!DOCTYPE html>
<html lang="{e(lang)}">
  <head>
    <meta charset="utf-8">
    <meta name="referrer" content="no-referrer">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{e(title)}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{e(static_url)}css/xterm.css">
    <script src="{e(static_url)}js/textual.js"></script>
    <style>
      html, body {{ margin: 0; height: 100%; background: #0c181f; color: rgba(255, 255, 255, 0.95); }}
      body {{ font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }}
      .textual-terminal {{ width: 100vw; height: 100vh; opacity: 0; transition: opacity 0.3s ease-out; }}
      body.-first-byte .textual-terminal {{ opacity: 1; }}
      .dialog {{ position: absolute; inset: 0; display: flex; flex-direction: column;
                 align-items: center; justify-content: center; z-index: 10; font-size: 18px; }}
      body.-first-byte .loading {{ display: none; }}
      .ended {{ display: none; background: #0c181f; }}
      body.-closed .ended {{ display: flex; }}
      button {{ padding: 12px 28px; margin: 16px; border: none; font: inherit;
                background: #5e0ba7; color: rgba(255, 255, 255, 0.95); cursor: pointer; }}
      button:hover, button:focus {{ background: #ac5af4; }}
      #start {{ display: none; }}
    </style>
  </head>
  <body>
    <noscript><p>{e(noscript)}</p></noscript>
    <div class="dialog loading" role="status"><p>{e(loading)}</p></div>
    <div class="dialog ended" role="status">
      <p id="ended-text">{e(ended)}</p>
      <button type="button" id="restart">{e(restart)}</button>
    </div>
    <button type="button" id="start"></button>
    <div id="terminal" class="textual-terminal"
      data-session-websocket-url="{e(websocket_url)}"
      data-font-size="{int(font_size)}"></div>
    <script nonce="{e(nonce)}">
      document.getElementById("restart").addEventListener("click", () => window.location.reload());
      // When the tab's course ends, ask whether the server is still there: if it was stopped,
      // "start again" would only lead to the browser's own error page, so say so instead.
      new MutationObserver((changes, observer) => {{
        if (!document.body.classList.contains("-closed")) return;
        observer.disconnect();
        const gone = () => {{
          document.getElementById("ended-text").textContent = {json_string(server_gone)};
          document.getElementById("restart").hidden = true;
          document.body.classList.add("-server-gone");
        }};
        // A server being stopped closes its tabs first and itself a moment later: ask a few times.
        const ask = (waits) => {{
          if (!waits.length) return;
          setTimeout(() => fetch(window.location.href, {{ method: "HEAD", cache: "no-store" }})
            .then(() => ask(waits.slice(1)), gone), waits[0]);
        }};
        ask([0, 1000, 3000, 6000]);
      }}).observe(document.body, {{ attributes: true, attributeFilter: ["class"] }});
    </script>
  </body>
</html>
"""
