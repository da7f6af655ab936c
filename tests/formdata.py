"""Read a rendered HTML form back into the POST data a browser would send, so tests can change one field."""

from html.parser import HTMLParser
from urllib.parse import urlencode

from django.test import Client
from django.test.client import MULTIPART_CONTENT


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or a.get("id") == self.form_id
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.setdefault(a["name"], []).append(a.get("value", "on"))
                return
            self.data.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data.setdefault(a["name"], []).append("")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.data.setdefault(self._select, []).append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def form_data(html: str, form_id: str | None = None) -> dict:
    parser = _FormParser(form_id)
    parser.feed(html)
    return {k: v if len(v) > 1 else v[0] for k, v in parser.data.items()}


class BrowserClient(Client):
    """Django's test client, posting an HTML form as a browser does: form-encoded unless it carries a file.

    Django's client sends multipart by default, and patient pages refuse multipart bodies. A test that means to
    send multipart names its own boundary in the content type, which passes through unchanged.
    """

    def post(self, path, data=None, content_type=MULTIPART_CONTENT, *args, **kwargs):
        data = {} if data is None else data
        if content_type == MULTIPART_CONTENT and isinstance(data, dict):
            fields = list(data.lists()) if hasattr(data, "lists") else list(data.items())
            if not any(hasattr(value, "read") for _name, value in fields):
                data, content_type = urlencode(fields, doseq=True), "application/x-www-form-urlencoded"
        return super().post(path, data, content_type, *args, **kwargs)
