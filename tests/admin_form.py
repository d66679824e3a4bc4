"""The POST data an admin change form sends as its page shows it: every input, select and
textarea of the page's main form with its current value, as a browser would submit it
unchanged. Tests then change a few fields, as an editor would."""

from html.parser import HTMLParser

from django.http import HttpResponse


class _FormFields(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_multiple = False
        self._select_values: list[str] = []
        self._first_option: str | None = None
        self._option_value: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        name = attr.get("name")
        if tag == "input" and name and "disabled" not in attr:
            kind = attr.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attr:
                return
            self.fields.append((name, attr.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in attr
            self._select_values, self._first_option = [], None
        elif tag == "option" and self._select is not None:
            value = attr.get("value")
            self._option_value = value
            if value is not None and self._first_option is None:
                self._first_option = value
            if "selected" in attr and value is not None:
                self._select_values.append(value)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            values = self._select_values
            if not values and not self._select_multiple and self._first_option is not None:
                values = [self._first_option]  # a browser submits the first option
            self.fields.extend((self._select, value) for value in values)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_data(response: HttpResponse) -> dict[str, str | list[str]]:
    """The page's form fields as the test client's `post()` takes them."""
    parser = _FormFields()
    parser.feed(response.content.decode())
    data: dict[str, str | list[str]] = {}
    for name, value in parser.fields:
        if name in data:
            previous = data[name]
            data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            data[name] = value
    data.pop("csrfmiddlewaretoken", None)  # the test client does not check it
    return data
