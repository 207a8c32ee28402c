/** idemeum's look for the local catalog; inline (hashed in the page's policy) so it needs no asset. */
export const CATALOG_CSS = `
:root{color-scheme:light;--ink:#1b1f3b;--muted:#555b77;--accent:#4b3fd6;--line:#d9dbe8;--bg:#f6f7fb}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem}
header{display:flex;align-items:center;gap:1rem;padding:.75rem 1.5rem;background:var(--ink);color:#fff}
header .brand{font-weight:700;font-size:1.2rem;letter-spacing:.02em}
header .who{margin-left:auto}
header a{color:#fff}
main{max-width:56rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
select,button{font:inherit;padding:.5rem .75rem;border-radius:.375rem;border:1px solid var(--line)}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.row{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.tiles{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:1rem}
.tile{display:flex;flex-direction:column;align-items:flex-start;gap:.5rem;width:100%;min-height:9rem;padding:1rem;background:#fff;color:var(--ink);border:1px solid var(--line);text-align:left}
.tile:hover{border-color:var(--accent)}
.tile svg{width:3rem;height:3rem}
.tile .name{font-weight:700}
.tile .note{color:var(--muted);font-size:.9rem}
.alert{background:#fff4f4;border:1px solid #e0a3a3;border-radius:.375rem;padding:1rem}
code{font-size:.9em}
footer{max-width:56rem;margin:0 auto;padding:0 1.5rem 1.5rem;color:var(--muted);font-size:.9rem}
`.trim();

/** The AWS smile mark, drawn inline (decorative: the tile's text names the application). */
export const AWS_ICON =
  '<svg viewBox="0 0 64 64" aria-hidden="true" focusable="false"><rect width="64" height="64" rx="10" fill="#232f3e"/>' +
  '<text x="32" y="33" text-anchor="middle" font-family="Arial,sans-serif" font-weight="700" font-size="20" fill="#fff">aws</text>' +
  '<path d="M14 42c11 7 25 7 36 0" stroke="#ff9900" stroke-width="4" fill="none" stroke-linecap="round"/>' +
  '<path d="M46 38l6 3-4 5" stroke="#ff9900" stroke-width="3.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>';
