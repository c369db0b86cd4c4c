"""Injection attempts for bank text and page front matter. Each payload, if it ever ran, would set `window.__pwned`
to its own number or open a dialog; the tests assert that neither happens and that the page still works.

Columns: a short name; the payload as an author could write it in a YAML string or a front-matter value; what the
reader must see: "shown" (the text exactly as written, HTML entities decoded), "markdown" (rendered as Markdown, without
anything that runs) or "rejected" (a relative link to no page of the site: the build stops and names the bank).
"""

from __future__ import annotations

PWN = "window.__pwned={n}"

PAYLOADS = [
    ("script tag", "<script>{pwn}</script>", "shown"),
    ("script tag upper case", "<SCRIPT>{pwn}</SCRIPT>", "shown"),
    ("img onerror", "<img src=x onerror={pwn}>", "shown"),
    ("img onerror quoted", '<img src="x" onerror="{pwn}">', "shown"),
    ("svg onload", "<svg onload={pwn}>", "shown"),
    ("svg script", "<svg><script>{pwn}</script></svg>", "shown"),
    ("markdown javascript link", "[click](javascript:{pwn})", "markdown"),
    ("mixed-case javascript link", "[click](JaVaScRiPt:{pwn})", "markdown"),
    ("javascript link with entity tab", '<a href="jav&#x09;ascript:{pwn}">click</a>', "shown"),
    ("markdown link with entity tab", "[click](jav&#x09;ascript:{pwn})", "markdown"),
    ("markdown link with leading space and newline", "[click]( \njavascript:{pwn})", "markdown"),
    ("markdown link with escaped colon", "[click](javascript\\:{pwn})", "rejected"),
    ("markdown link with percent-encoded scheme", "[click](javascript%3A{pwn})", "rejected"),
    ("reference link to javascript", "[click][r]\n\n[r]: javascript:{pwn}", "markdown"),
    ("data html link", "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)", "markdown"),
    ("vbscript link", "[click](vbscript:msgbox(1))", "markdown"),
    ("markdown image with javascript", "![x](javascript:{pwn})", "markdown"),
    ("markdown image onerror via attr_list", "![x](nope.png){{: onerror=\"{pwn}\"}}", "rejected"),
    ("attr_list onclick on paragraph", "Click me\n{{: onclick=\"{pwn}\" }}", "markdown"),
    ("attr_list href on link", "[click](#x){{: href=\"javascript:{pwn}\"}}", "markdown"),
    ("attr_list style", "Text{{: style=\"background:url(javascript:{pwn})\"}}", "markdown"),
    ("autolink javascript", "<javascript:{pwn}>", "shown"),
    ("autolink http", "<http://127.0.0.1/\"onmouseover=\"{pwn}>", "markdown"),
    ("html comment then script", "<!-- --><script>{pwn}</script>", "shown"),
    ("comment hiding script", "<!--<script>{pwn}</script>-->", "shown"),
    ("cdata", "<![CDATA[<script>{pwn}</script>]]>", "shown"),
    ("close the data island", "</script><script>{pwn}</script>", "shown"),
    ("close the data island in a div", "</div></form><script>{pwn}</script>", "shown"),
    ("double-escaped script data", "<!--<script>", "shown"),
    ("style tag", "<style>body{{background:url(javascript:{pwn})}}</style>", "shown"),
    ("iframe srcdoc", "<iframe srcdoc=\"<script>parent.{pwn}</script>\"></iframe>", "shown"),
    ("form action", "<form action=\"javascript:{pwn}\"><button>go</button></form>", "shown"),
    ("button formaction", "<button formaction=\"javascript:{pwn}\">go</button>", "shown"),
    ("details ontoggle", "<details open ontoggle={pwn}><summary>s</summary></details>", "shown"),
    ("object data", "<object data=\"javascript:{pwn}\"></object>", "shown"),
    ("embed", "<embed src=\"javascript:{pwn}\">", "shown"),
    ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:{pwn}\">", "shown"),
    ("base href", "<base href=\"javascript:{pwn}//\">", "shown"),
    ("math href", "<math><mi href=\"javascript:{pwn}\">x</mi></math>", "shown"),
    ("markdown in html block", "<div markdown=\"1\" onclick=\"{pwn}\">*x*</div>", "markdown"),
    ("html entity encoded script", "&lt;script&gt;{pwn}&lt;/script&gt;", "shown"),
    ("numeric entity encoded script", "&#60;script&#62;{pwn}&#60;/script&#62;", "shown"),
    ("fullwidth brackets", "\uff1cscript\uff1e{pwn}\uff1c/script\uff1e", "shown"),
    ("quote breaking out of an attribute", "\" onmouseover=\"{pwn}\" x=\"", "shown"),
    ("single quote breaking out of an attribute", "' onfocus='{pwn}' autofocus x='", "shown"),
    ("closing title and textarea", "</title></textarea></noscript><script>{pwn}</script>", "shown"),
    ("template literal", "${{{pwn}}}", "shown"),
    ("jinja", "{{{{ config }}}}{{% raw %}}", "shown"),
    ("fenced code", "```html\n<script>{pwn}</script>\n```", "markdown"),
    ("inline code", "`<script>{pwn}</script>`", "markdown"),
    ("abbreviation title", "ABC\n\n*[ABC]: \"><script>{pwn}</script>", "markdown"),
    ("admonition title", "!!! note \"<img src=x onerror={pwn}>\"\n    body", "markdown"),
    ("details title", "??? note \"<svg onload={pwn}>\"\n    body", "markdown"),
    ("footnote", "Text[^1]\n\n[^1]: <script>{pwn}</script>", "markdown"),
    ("definition list", "Term\n:   <img src=x onerror={pwn}>", "markdown"),
    ("table", "| a |\n|---|\n| <script>{pwn}</script> |", "markdown"),
    ("unicode line separator", "\u2028<script>{pwn}</script>\u2029", "shown"),
    ("quiz marker", "<!-- quiz: inject-0 -->", "shown"),
    ("progress marker", "<!-- quiz-progress --><!-- quiz-reset -->", "shown"),
    ("attr_list data and class for the runtime", "Text\n{{: .quiz__data data-question=\"x\" name=\"getElementById\" }}", "markdown"),
    ("attr_list upper-case href", "[click](#x){{: HREF=\"javascript:{pwn}\"}}", "markdown"),
    ("remote image", "![pixel](https://tracker.example/p.png?{pwn})", "markdown"),
    ("zero-width joiner in tag", "<scr\u200dipt>{pwn}</scr\u200dipt>", "shown"),
]


def payload(index: int) -> str:
    """Payload number `index`, set to write its own number (1-based) into window.__pwned."""
    return PAYLOADS[index][1].format(pwn=PWN.format(n=index + 1))


def indexes(*kinds: str) -> list[int]:
    return [i for i, row in enumerate(PAYLOADS) if row[2] in kinds]
