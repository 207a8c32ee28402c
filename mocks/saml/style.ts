/** The access portal's look (AWS's palette); inline and hashed into each page's policy. */
export const PORTAL_CSS = `
:root{color-scheme:light;--squid:#232f3e;--orange:#ff9900;--ink:#16191f;--muted:#5f6b7a;--line:#d5dbdb;--link:#0972d3}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 "Amazon Ember","Helvetica Neue",Roboto,Arial,sans-serif;color:var(--ink);background:#f2f3f3}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem}
header{display:flex;align-items:center;gap:1rem;padding:.6rem 1.5rem;background:var(--squid);color:#fff}
header .brand{font-weight:700}
header .brand b{color:var(--orange)}
header form{margin-left:auto}
header .who{margin:0}
button{font:inherit;padding:.35rem .9rem;border-radius:1rem;border:1px solid #fff;background:transparent;color:#fff;cursor:pointer}
main{max-width:60rem;margin:0 auto;padding:1.25rem 1.5rem}
h1{font-size:1.5rem;margin:.25rem 0}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
h3{font-size:1rem;margin:0}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--orange);outline-offset:2px}
.session{color:var(--muted);margin:.25rem 0 1rem}
.accounts{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.account{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem}
.account .id{color:var(--muted);font-weight:400}
.roles{list-style:none;padding:0;margin:.5rem 0 0;display:grid;gap:.4rem}
.roles li{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;border-top:1px solid #eaeded;padding-top:.4rem}
.roles a{font-weight:700}
.meta{color:var(--muted);font-size:.875rem}
.desc{flex-basis:100%}
.alert{background:#fff;border-left:4px solid #d91515;padding:.75rem 1rem;border-radius:.25rem}
code{font-size:.9em;word-break:break-all}
`.trim();
